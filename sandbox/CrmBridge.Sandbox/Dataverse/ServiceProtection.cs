namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Dataverse service-protection limits: requests per window and concurrent requests, answered with 429, Retry-After and
/// the documented codes (0x80072322 requests, 0x80072326 concurrency). Also records the highest concurrency seen, so
/// tests can check a client's own limit without timing.
/// </summary>
internal sealed class ServiceProtection
{
    private readonly DataverseSandboxOptions _options;
    private readonly object _gate = new();
    private int _inFlight;
    private int _maxObserved;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _windowCount;

    public ServiceProtection(DataverseSandboxOptions options) => _options = options;

    public int MaxObserved
    {
        get
        {
            lock (_gate)
            {
                return _maxObserved;
            }
        }
    }

    /// <summary>Admits a request or returns the throttling error to answer.</summary>
    /// <returns><see langword="null"/> when admitted (call <see cref="Exit"/> afterwards); otherwise the 429 and its Retry-After.</returns>
    public (DataverseApiException Error, TimeSpan RetryAfter)? Enter()
    {
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            if (now - _windowStart >= _options.ThrottleWindow)
            {
                _windowStart = now;
                _windowCount = 0;
            }

            if (_options.RequestsPerWindow > 0 && _windowCount >= _options.RequestsPerWindow)
            {
                var wait = _windowStart + _options.ThrottleWindow - now;
                return (new DataverseApiException(429, "0x80072322",
                    $"Number of requests exceeded the limit of {_options.RequestsPerWindow} over time window of {(int)_options.ThrottleWindow.TotalSeconds} seconds."),
                    wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
            }

            if (_options.MaxConcurrentRequests > 0 && _inFlight >= _options.MaxConcurrentRequests)
            {
                return (new DataverseApiException(429, "0x80072326", $"Number of concurrent requests exceeded the limit of {_options.MaxConcurrentRequests}."), TimeSpan.FromSeconds(1));
            }

            _windowCount++;
            _inFlight++;
            _maxObserved = Math.Max(_maxObserved, _inFlight);
            return null;
        }
    }

    /// <summary>
    /// Gets the requests left in the current window, as Dataverse reports them in
    /// <c>x-ms-ratelimit-burst-remaining-xrm-requests</c>, or <see langword="null"/> when no limit is configured.
    /// </summary>
    public int? Remaining
    {
        get
        {
            lock (_gate)
            {
                return _options.RequestsPerWindow > 0 ? Math.Max(0, _options.RequestsPerWindow - _windowCount) : null;
            }
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            _inFlight--;
        }
    }
}
