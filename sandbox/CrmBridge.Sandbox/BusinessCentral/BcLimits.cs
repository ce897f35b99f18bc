namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// BC online's per-user limits: requests per sliding window (429), a few requests processed at once with the rest queued
/// (429 when the queue is full, 503 with Retry-After when a queued request waited too long). Records the highest
/// concurrency seen so tests can check a client's own limit.
/// </summary>
internal sealed class BcLimits
{
    private readonly BusinessCentralSandboxOptions _options;
    private readonly SemaphoreSlim _running;
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly object _gate = new();
    private int _queued;
    private int _inFlight;
    private int _maxObserved;

    public BcLimits(BusinessCentralSandboxOptions options)
    {
        _options = options;
        _running = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
    }

    public int MaxObserved => Volatile.Read(ref _maxObserved);

    /// <summary>Admits a request: <see langword="null"/> when it may run (call <see cref="Exit"/> after), else the error to answer.</summary>
    public async Task<(int Status, string Code, string Message, TimeSpan? RetryAfter)?> EnterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            while (_window.Count > 0 && _window.Peek() <= now - _options.RequestWindow)
            {
                _window.Dequeue();
            }

            if (_window.Count >= _options.RequestsPerWindow)
            {
                return (429, "Application_TooManyRequests", $"You have exceeded the maximum number of requests ({_options.RequestsPerWindow}) in the last {(int)_options.RequestWindow.TotalMinutes} minutes. Please wait and try again.", null);
            }

            if (_queued >= _options.MaxQueuedRequests)
            {
                return (429, "Application_TooManyRequests", "Too many requests are queued. Please wait and try again.", null);
            }

            _window.Enqueue(now);
            _queued++;
        }

        var admitted = await _running.WaitAsync(_options.QueueTimeout, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _queued--;
            if (!admitted)
            {
                return (503, "Application_ServiceUnavailable", "The request waited too long in the queue.", TimeSpan.FromSeconds(30));
            }

            _inFlight++;
            _maxObserved = Math.Max(_maxObserved, _inFlight);
        }

        return null;
    }

    public void Exit()
    {
        lock (_gate)
        {
            _inFlight--;
        }

        _running.Release();
    }
}
