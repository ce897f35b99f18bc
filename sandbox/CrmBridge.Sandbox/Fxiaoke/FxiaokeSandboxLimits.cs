namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>The platform's limits: calls per API path per window (14001), token calls per minute, the daily quota (30002).</summary>
internal sealed class FxiaokeSandboxLimits
{
    private static readonly TimeZoneInfo China = ResolveChina();
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _tokenCalls = new();
    private readonly FxiaokeSandboxOptions _options;
    private DateTime _quotaDay;
    private long _quotaUsed;

    public FxiaokeSandboxLimits(FxiaokeSandboxOptions options) => _options = options;

    /// <summary>Counts a data call; returns the errorCode that rejects it, or 0.</summary>
    public int TakeCall(string path)
    {
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            if (!_options.QuotaPurchased)
            {
                return 30003;
            }

            if (_options.DailyQuota is { } quota)
            {
                var day = TimeZoneInfo.ConvertTime(now, China).Date;
                if (day != _quotaDay)
                {
                    _quotaDay = day;
                    _quotaUsed = 0;
                }

                if (_quotaUsed >= quota)
                {
                    return 30002;
                }

                _quotaUsed++;
            }

            if (!_calls.TryGetValue(path, out var recent))
            {
                _calls[path] = recent = new Queue<DateTimeOffset>();
            }

            return Admit(recent, now, _options.RateLimitWindow, _options.CallsPerWindow) ? 0 : 14001;
        }
    }

    /// <summary>Counts a token call; returns false past the per-minute limit.</summary>
    public bool TakeTokenCall()
    {
        lock (_gate)
        {
            return Admit(_tokenCalls, _options.TimeProvider.GetUtcNow(), TimeSpan.FromMinutes(1), _options.TokenRequestsPerMinute);
        }
    }

    private static bool Admit(Queue<DateTimeOffset> recent, DateTimeOffset now, TimeSpan window, int limit)
    {
        while (recent.Count > 0 && now - recent.Peek() >= window)
        {
            recent.Dequeue();
        }

        if (recent.Count >= limit)
        {
            return false;
        }

        recent.Enqueue(now);
        return true;
    }

    private static TimeZoneInfo ResolveChina()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China", "China");
        }
    }
}
