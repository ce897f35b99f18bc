using System.Text;
using System.Threading.Channels;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Posts a RemoteExecutionContext per committed change to the configured webhook URL, asynchronously like Dataverse's
/// asynchronous service (one retry on 502/503/504, 60 s timeout). Changes are delivered in commit order.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly DataverseSandboxOptions _options;
    private readonly Guid _organizationId = Guid.NewGuid();
    private readonly Channel<DataverseChangeEvent> _queue = Channel.CreateUnbounded<DataverseChangeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Task _loop;
    private long _delivered;
    private long _failed;

    public WebhookDispatcher(DataverseSandboxOptions options)
    {
        _options = options;
        _loop = Task.Run(RunAsync);
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    public void Publish(DataverseChangeEvent change)
    {
        if (_options.WebhookUrl is not null)
        {
            _queue.Writer.TryWrite(change);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _http.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var change in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    using var response = await _http.SendAsync(Build(change)).ConfigureAwait(false);
                    if ((int)response.StatusCode is 502 or 503 or 504 && attempt == 0)
                    {
                        continue;
                    }

                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _delivered : ref _failed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _failed);
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref _failed);
                }

                break;
            }
        }
    }

    private HttpRequestMessage Build(DataverseChangeEvent change)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var body = RemoteExecutionContextWriter.Write(change, _organizationId, now);
        var stripped = Encoding.UTF8.GetByteCount(body) > RemoteExecutionContextWriter.MaxBytes;
        if (stripped)
        {
            body = RemoteExecutionContextWriter.Write(change, _organizationId, now, stripped: true);
        }

        var url = _options.WebhookUrl!.ToString();
        if (_options.WebhookKey is { } key)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "code=" + Uri.EscapeDataString(key);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-ms-dynamics-organization", "crmbridgesandbox.crm.dynamics.com");
        request.Headers.Add("x-ms-dynamics-entity-name", change.Schema.LogicalName);
        request.Headers.Add("x-ms-dynamics-request-name", change.MessageName);
        request.Headers.Add("x-ms-correlation-request-id", change.CorrelationId.ToString());
        if (stripped)
        {
            request.Headers.Add("x-ms-dynamics-msg-size-exceeded", "true");
        }

        return request;
    }
}
