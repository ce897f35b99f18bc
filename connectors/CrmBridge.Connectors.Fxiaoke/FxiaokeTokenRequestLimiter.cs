namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Guards the token endpoint: at most <see cref="FxiaokeOptions.MaxTokenRequestsPerMinute"/> requests in any 60 s
/// (the platform allows 10 and forbids concurrent calls; the provider serialises callers). Over the limit it fails as
/// throttled with the time until a slot frees, without calling the platform.
/// </summary>
internal sealed class FxiaokeTokenRequestLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly object _gate = new();
    private readonly FxiaokeOptions _options;
    private readonly TimeProvider _time;

    public FxiaokeTokenRequestLimiter(FxiaokeOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Records a token request, or throws when the per-minute budget is spent.</summary>
    public void Take()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_recent.Count > 0 && now - _recent.Peek() >= Window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= _options.MaxTokenRequestsPerMinute)
            {
                var wait = _recent.Peek() + Window - now;
                throw new ConnectorException(_options.System, ErrorKind.Throttled, "TOKEN_RATE_LIMIT",
                    $"fxiaoke: {_options.MaxTokenRequestsPerMinute} token requests in the last minute; next allowed in {wait.TotalSeconds:0.0} s",
                    retryAfter: wait);
            }

            _recent.Enqueue(now);
        }
    }
}
