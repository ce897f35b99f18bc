namespace CrmBridge.Connectors;

/// <summary>
/// Records what a connection does for <see cref="IConnectorHealth"/> and health reports: call outcomes (last success and
/// failure, 429s per minute over the last hour, 401/403 since the last success), the token or session lifecycle
/// (obtained / refreshing / failing with the reason), the quota the system reports, and change detection (delta tokens,
/// push channels, notifications received). Thread-safe; one per system (<see cref="ConnectionHealthRegistry"/>).
/// </summary>
public sealed partial class ConnectorHealthTracker
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly TimeProvider _time;
    private readonly List<ThrottleCount> _throttled = []; // one entry per minute with 429s, oldest first
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _lastFailure;
    private string? _lastErrorCode;
    private DateTimeOffset? _httpAuthFailingSince;
    private int _httpAuthStatus;
    private string? _quota;

    /// <summary>Initializes a new instance of the <see cref="ConnectorHealthTracker"/> class.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="baseUrl">The base URL in use.</param>
    /// <param name="system">The system name, or <see langword="null"/>.</param>
    /// <param name="section">The configuration section of the connector (<c>Connectors:Zoho</c>), named in what-to-do lines.</param>
    public ConnectorHealthTracker(TimeProvider time, string? baseUrl, string? system = null, string? section = null)
    {
        _time = time;
        BaseUrl = baseUrl;
        System = system;
        Section = section ?? "Connectors";
    }

    /// <summary>Gets the system name, or <see langword="null"/>.</summary>
    public string? System { get; }

    /// <summary>Gets the configuration section named in what-to-do lines.</summary>
    public string Section { get; }

    /// <summary>Gets or sets the base URL or data centre in use (a connector that discovers it, e.g. Zoho's api_domain, updates it).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Records an HTTP answer: 401/403 authentication failing, 429 throttled, 408 and 5xx failures; anything else means
    /// the system answered (a 404 or a validation 400 is an answer about the data, not about the connection).
    /// </summary>
    /// <param name="status">The status code.</param>
    public void Record(int status)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (status is < 400 or (>= 400 and < 500 and not (401 or 403 or 408 or 429)))
            {
                _lastSuccess = now;
                _httpAuthFailingSince = null;
                _httpAuthStatus = 0;
                return;
            }

            _lastFailure = now;
            _lastErrorCode = $"HTTP_{status}";
            if (status is 401 or 403)
            {
                _httpAuthFailingSince ??= now;
                _httpAuthStatus = status;
            }
            else if (status == 429)
            {
                CountThrottled(now);
            }
        }
    }

    /// <summary>Records a call that got no answer (connection refused, timeout).</summary>
    /// <param name="errorCode">The code (<c>NETWORK</c>, <c>TIMEOUT</c>).</param>
    public void RecordNoAnswer(string errorCode)
    {
        lock (_lock)
        {
            _lastFailure = _time.GetUtcNow();
            _lastErrorCode = errorCode;
        }
    }

    /// <summary>Records a call the system throttled in its own way (Fxiaoke answers HTTP 200 with a rate-limit errorCode).</summary>
    /// <param name="errorCode">The system's error code.</param>
    public void RecordThrottled(string errorCode)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _lastFailure = now;
            _lastErrorCode = errorCode;
            CountThrottled(now);
        }
    }

    /// <summary>Records the quota the system reported left (shown as is).</summary>
    /// <param name="remaining">What is left, e.g. <c>5990 requests, 1190000 ms execution in the 5-minute window</c>.</param>
    public void RecordQuota(string remaining)
    {
        lock (_lock)
        {
            _quota = remaining;
        }
    }

    /// <summary>Gets the snapshot.</summary>
    /// <returns>What was seen.</returns>
    public ConnectorHealth Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _throttled.RemoveAll(t => now - t.Minute >= Hour);

            var tokenFailing = _auth == AuthenticationState.Failing;
            var authSince = tokenFailing ? _tokenFailingSince : _httpAuthFailingSince;
            return new ConnectorHealth(BaseUrl, _lastSuccess, _lastFailure, _lastErrorCode, authSince, _throttled.Sum(t => t.Count))
            {
                System = System,
                Authentication = tokenFailing || _httpAuthFailingSince is null ? _auth : AuthenticationState.Failing,
                AuthenticationReason = tokenFailing ? _tokenReason : _httpAuthFailingSince is null ? null : $"HTTP {_httpAuthStatus}",
                TokenExpiresAt = _tokenExpiresAt,
                Problem = tokenFailing ? _tokenProblem : HttpAuthProblem(),
                QuotaRemaining = _quota,
                Throttled = [.. _throttled],
                ChangeTokens = [.. _changeTokens.Values.OrderBy(t => t.Entity, StringComparer.Ordinal)],
                PushChannels = [.. _channels.Values.OrderBy(c => c.Name, StringComparer.Ordinal)],
                LastNotificationAt = _lastNotification,
                RecordedAt = now,
            };
        }
    }

    private void CountThrottled(DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        if (_throttled.Count > 0 && _throttled[^1].Minute == minute)
        {
            _throttled[^1] = _throttled[^1] with { Count = _throttled[^1].Count + 1 };
            return;
        }

        _throttled.Add(new ThrottleCount(minute, 1));
    }

    private string? HttpAuthProblem() => _httpAuthStatus switch
    {
        401 => $"{System ?? "the system"} answers 401 to our token: check the app registration, API user or key under {Section} (is the user enabled and licensed?).",
        403 => $"{System ?? "the system"} answers 403 (permission missing): give the integration user or app the role or permission set it needs, see {Section} in the docs.",
        _ => null,
    };
}
