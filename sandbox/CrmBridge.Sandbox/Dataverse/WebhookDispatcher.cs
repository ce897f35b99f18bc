using System.Text;
using System.Threading.Channels;
using System.Xml;
using System.Xml.Linq;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Posts a RemoteExecutionContext per registered step a committed change fires (<see cref="WebhookRegistrations"/>) to
/// the step's service endpoint, asynchronously like Dataverse's asynchronous service (one retry on 502/503/504, 60 s
/// timeout), in commit order. Authentication as registered: WebhookKey (<c>?code=</c>), HttpHeader and HttpQueryString
/// (<c>authvalue</c> <c>&lt;settings&gt;&lt;setting name="…" value="…" /&gt;&lt;/settings&gt;</c>, the shape community
/// samples show for Web API registration; a malformed value fails the call as Dataverse's 0x80050203 does).
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly DataverseSandboxOptions _options;
    private readonly Guid _organizationId = Guid.NewGuid();
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>(new UnboundedChannelOptions { SingleReader = true });
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

    public void Publish(IReadOnlyList<WebhookDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            _queue.Writer.TryWrite(delivery);
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
        await foreach (var delivery in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    using var request = Build(delivery);
                    if (request is null)
                    {
                        Interlocked.Increment(ref _failed);
                        break;
                    }

                    using var response = await _http.SendAsync(request).ConfigureAwait(false);
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

    private HttpRequestMessage? Build(WebhookDelivery delivery)
    {
        var change = delivery.Change;
        var now = _options.TimeProvider.GetUtcNow();
        var body = RemoteExecutionContextWriter.Write(change, _organizationId, now, postImages: delivery.PostImages, mode: delivery.Mode);
        var stripped = Encoding.UTF8.GetByteCount(body) > RemoteExecutionContextWriter.MaxBytes;
        if (stripped)
        {
            body = RemoteExecutionContextWriter.Write(change, _organizationId, now, stripped: true, mode: delivery.Mode);
        }

        if (Settings(delivery) is not { } settings)
        {
            return null;
        }

        var url = delivery.Url.ToString();
        var query = delivery.AuthType switch
        {
            4 when delivery.AuthValue is { Length: > 0 } key => [new("code", key)],
            6 => settings,
            _ => [],
        };
        foreach (var (name, value) in query)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
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

        if (delivery.AuthType == 5)
        {
            foreach (var (name, value) in settings)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>The key/value pairs of an HttpHeader or HttpQueryString <c>authvalue</c>; <see langword="null"/> when it is not the settings XML.</summary>
    private static List<KeyValuePair<string, string>>? Settings(WebhookDelivery delivery)
    {
        if (delivery.AuthType is not (5 or 6))
        {
            return [];
        }

        try
        {
            return XElement.Parse(delivery.AuthValue ?? string.Empty).Elements("setting")
                .Select(e => new KeyValuePair<string, string>((string?)e.Attribute("name") ?? string.Empty, (string?)e.Attribute("value") ?? string.Empty))
                .Where(p => p.Key.Length > 0).ToList();
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
