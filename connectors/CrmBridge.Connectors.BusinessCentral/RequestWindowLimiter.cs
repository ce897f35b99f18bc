namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// A client-side sliding-window limiter: at most <c>limit</c> requests start within any <c>window</c> (Business Central
/// online: 6,000 per 5 minutes per user). A request over the limit waits until the oldest one leaves the window.
/// </summary>
internal sealed class RequestWindowLimiter
{
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly object _gate = new();

    public RequestWindowLimiter(int limit, TimeSpan window, TimeProvider time)
    {
        _limit = limit;
        _window = window;
        _time = time;
    }

    /// <summary>Gets how many requests started in the current window.</summary>
    public int InWindow
    {
        get
        {
            lock (_gate)
            {
                Prune(_time.GetUtcNow());
                return _starts.Count;
            }
        }
    }

    /// <summary>Waits for a slot and takes it.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the request may start.</returns>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                Prune(now);
                if (_starts.Count < _limit)
                {
                    _starts.Enqueue(now);
                    return;
                }

                wait = _starts.Peek() + _window - now;
            }

            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_starts.Count > 0 && _starts.Peek() <= now - _window)
        {
            _starts.Dequeue();
        }
    }
}
