using System.Collections.Concurrent;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Client-side rate limit per API path: <see cref="FxiaokeOptions.CallsPerWindow"/> permits per API; a call holds a permit
/// from before it is sent until <see cref="FxiaokeOptions.RateLimitWindow"/> after its response arrived. So however late
/// the server counts a call (latency, clock skew) any window of that length sees at most N calls from this client.
/// Waiting callers are released by <see cref="TimeProvider"/> timers (testable with FakeTimeProvider); a caller that would
/// wait longer than <see cref="FxiaokeOptions.MaxRateLimitWait"/> fails as throttled without calling.
/// </summary>
/// <remarks>
/// Not a token bucket: a full bucket of N refilled at N per window lets up to 2N calls through in the first window, and
/// stamping calls at send time lets a slow call's server arrival fall inside the next call's window — both give 14001
/// against a server that counts N per window (the loopback tests showed both). The docs do not say whether the platform's
/// window is fixed or sliding; "N in any window" satisfies both.
/// </remarks>
internal sealed class FxiaokeRateLimiter
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _permits = new(StringComparer.Ordinal);
    private readonly FxiaokeOptions _options;
    private readonly TimeProvider _time;

    public FxiaokeRateLimiter(FxiaokeOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Takes a permit for <paramref name="api"/>; dispose the lease when the response has arrived.</summary>
    public async Task<IDisposable> AcquireAsync(string api, CancellationToken cancellationToken)
    {
        var permits = _permits.GetOrAdd(api, _ => new SemaphoreSlim(_options.CallsPerWindow, _options.CallsPerWindow));
        if (!permits.Wait(0, CancellationToken.None))
        {
            using var timeout = new CancellationTokenSource(_options.MaxRateLimitWait, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await permits.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ConnectorException(_options.System, ErrorKind.Throttled, "CLIENT_RATE_LIMIT",
                    $"fxiaoke: client-side rate limit for {api} ({_options.CallsPerWindow} calls / {_options.RateLimitWindow.TotalSeconds:0} s): no slot within {_options.MaxRateLimitWait.TotalSeconds:0} s",
                    retryAfter: _options.RateLimitWindow);
            }
        }

        return new Lease(permits, _options.RateLimitWindow, _time);
    }

    private sealed class Lease(SemaphoreSlim permits, TimeSpan window, TimeProvider time) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                // The permit frees one window after the call ended.
                _ = ReleaseLaterAsync();
            }
        }

        private async Task ReleaseLaterAsync()
        {
            await Task.Delay(window, time).ConfigureAwait(false);
            permits.Release();
        }
    }
}
