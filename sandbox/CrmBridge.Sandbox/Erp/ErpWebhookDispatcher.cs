using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// Delivers each change as a POST to the configured webhook URL, one at a time in feed order, retrying a failed call
/// with doubling back-off. Runs in the background: API calls only enqueue, so a slow or dead listener never blocks them.
/// </summary>
internal sealed class ErpWebhookDispatcher : IAsyncDisposable
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private readonly Channel<ErpChange> _queue = Channel.CreateUnbounded<ErpChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ErpSandboxOptions _options;
    private readonly Task _loop;
    private long _delivered;
    private long _abandoned;
    private long _failedAttempts;

    public ErpWebhookDispatcher(ErpSandboxOptions options)
    {
        _options = options;
        _loop = Task.Run(RunAsync);
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Abandoned => Interlocked.Read(ref _abandoned);

    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Queues a change for delivery; never blocks.</summary>
    public void Enqueue(ErpChange change) => _queue.Writer.TryWrite(change);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping abandons undelivered notices; the change feed still has them.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    internal static JsonObject Notice(ErpChange change) => new()
    {
        ["entity"] = change.Entity,
        ["id"] = change.Id,
        ["operation"] = change.Operation,
        ["version"] = change.Version,
        ["seq"] = change.Seq,
    };

    private async Task RunAsync()
    {
        var token = _stop.Token;
        await foreach (var change in _queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
        {
            var body = Notice(change).ToJsonString();
            var delay = _options.WebhookRetryDelay;
            for (var attempt = 1; ; attempt++)
            {
                if (await TryPostAsync(change, body, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _delivered);
                    break;
                }

                Interlocked.Increment(ref _failedAttempts);
                if (attempt >= _options.WebhookMaxAttempts)
                {
                    Interlocked.Increment(ref _abandoned);
                    break;
                }

                await Task.Delay(delay, _options.TimeProvider, token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    private async Task<bool> TryPostAsync(ErpChange change, string body, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.WebhookUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (_options.WebhookKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("X-Erp-Webhook-Key", key);
        }

        request.Headers.TryAddWithoutValidation("X-Correlation-Id", $"erp-seq-{change.Seq}");
        try
        {
            using var response = await _http.SendAsync(request, token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!token.IsCancellationRequested)
        {
            return false; // the call timed out
        }
    }
}
