using System.Collections.Concurrent;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Client-side token buckets, one per API path: <see cref="FxiaokeOptions.CallsPerWindow"/> calls per
/// <see cref="FxiaokeOptions.RateLimitWindow"/>, refilled continuously. A caller waits (on the <see cref="TimeProvider"/>) for
/// a token; if the wait would exceed <see cref="FxiaokeOptions.MaxRateLimitWait"/> it fails as throttled instead.
/// </summary>
internal sealed class FxiaokeRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly FxiaokeOptions _options;
    private readonly TimeProvider _time;

    public FxiaokeRateLimiter(FxiaokeOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Takes one call slot for <paramref name="api"/>, waiting when the bucket is empty.</summary>
    public async Task AcquireAsync(string api, CancellationToken cancellationToken)
    {
        var bucket = _buckets.GetOrAdd(api, _ => new Bucket(_options.CallsPerWindow, _time.GetTimestamp()));
        var wait = bucket.Reserve(_options.CallsPerWindow, _options.RateLimitWindow, _time);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > _options.MaxRateLimitWait)
        {
            bucket.Release();
            throw new ConnectorException(_options.System, ErrorKind.Throttled, "CLIENT_RATE_LIMIT",
                $"fxiaoke: client-side rate limit for {api} ({_options.CallsPerWindow} calls / {_options.RateLimitWindow.TotalSeconds:0} s) would wait {wait.TotalSeconds:0.0} s",
                retryAfter: wait);
        }

        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private readonly object _gate = new();
        private double _tokens = tokens;
        private long _stamp = stamp;

        /// <summary>Takes a token (possibly going negative = queued) and returns how long the caller must wait for it.</summary>
        public TimeSpan Reserve(int capacity, TimeSpan window, TimeProvider time)
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                var perSecond = capacity / window.TotalSeconds;
                _tokens = Math.Min(capacity, _tokens + (time.GetElapsedTime(_stamp, now).TotalSeconds * perSecond));
                _stamp = now;
                _tokens -= 1;
                return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / perSecond);
            }
        }

        public void Release()
        {
            lock (_gate)
            {
                _tokens += 1;
            }
        }
    }
}
