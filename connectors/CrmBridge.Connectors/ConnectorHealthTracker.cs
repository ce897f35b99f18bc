namespace CrmBridge.Connectors;

/// <summary>
/// Records call outcomes for <see cref="IConnectorHealth"/>: last success and failure, a sliding hour of 429s, and
/// authentication failing since the first 401/403 after the last success. Thread-safe; a connector owns one (singleton).
/// </summary>
public sealed class ConnectorHealthTracker
{
    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _throttled = new();
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _lastFailure;
    private string? _lastErrorCode;
    private DateTimeOffset? _authFailingSince;

    /// <summary>Initializes a new instance of the <see cref="ConnectorHealthTracker"/> class.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="baseUrl">The base URL in use.</param>
    public ConnectorHealthTracker(TimeProvider time, string? baseUrl)
    {
        _time = time;
        BaseUrl = baseUrl;
    }

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
                _authFailingSince = null;
                return;
            }

            _lastFailure = now;
            _lastErrorCode = $"HTTP_{status}";
            if (status is 401 or 403)
            {
                _authFailingSince ??= now;
            }
            else if (status == 429)
            {
                _throttled.Enqueue(now);
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

    /// <summary>Gets the snapshot.</summary>
    /// <returns>What was seen.</returns>
    public ConnectorHealth Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            while (_throttled.Count > 0 && now - _throttled.Peek() >= TimeSpan.FromHours(1))
            {
                _throttled.Dequeue();
            }

            return new ConnectorHealth(BaseUrl, _lastSuccess, _lastFailure, _lastErrorCode, _authFailingSince, _throttled.Count);
        }
    }
}
