using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Pipeline.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are armed, so a test can run a background worker in
/// virtual time step by step: wait until the worker is parked on a timer (a <c>Task.Delay</c> on this clock), then move
/// the clock exactly to that timer's due time. Nothing depends on how fast the machine is: the worker only ever sees the
/// instants the test moves the clock to.
/// </summary>
internal sealed class SteppedClock : FakeTimeProvider
{
    private static readonly TimeSpan ParkTimeout = TimeSpan.FromSeconds(30);
    private readonly object _gate = new();
    private readonly Dictionary<object, DateTimeOffset> _armed = [];

    public SteppedClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var key = new object();
        Arm(key, dueTime);
        var timer = base.CreateTimer(
            s =>
            {
                // Disarmed before the callback runs: once the worker continues, it is no longer parked on this timer.
                Disarm(key);
                callback(s);
            },
            state,
            dueTime,
            period);
        return new Tracked(this, key, timer);
    }

    /// <summary>Moves the clock to <paramref name="until"/>, firing every timer due on the way at its own instant.</summary>
    /// <remarks>
    /// Before each step it waits (in real time) until some timer is armed, i.e. the worker is parked, so it returns with
    /// the worker parked again. A timer after which nothing waits on the clock (a worker that ends) is fired with
    /// <see cref="FakeTimeProvider.Advance(TimeSpan)"/> instead.
    /// </remarks>
    public async Task RunUntilAsync(DateTimeOffset until)
    {
        while (true)
        {
            var next = await NextDueAsync();
            if (next > until)
            {
                Advance(until - GetUtcNow());
                return;
            }

            Advance(next - GetUtcNow());
        }
    }

    /// <summary>Moves the clock by <paramref name="by"/> as <see cref="RunUntilAsync"/> does.</summary>
    public Task RunForAsync(TimeSpan by) => RunUntilAsync(GetUtcNow() + by);

    /// <summary>Waits (in real time) until a timer is armed and returns the earliest due time.</summary>
    public async Task<DateTimeOffset> NextDueAsync()
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            lock (_gate)
            {
                if (_armed.Count > 0)
                {
                    return _armed.Values.Min();
                }
            }

            if (Stopwatch.GetElapsedTime(started) > ParkTimeout)
            {
                throw new TimeoutException($"No timer was armed on the clock within {ParkTimeout.TotalSeconds} s: the worker ended, or waits on another clock.");
            }

            // Real time only to wait for the worker's thread to get to its next wait; it never decides the outcome.
            await Task.Delay(1);
        }
    }

    private void Arm(object key, TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _armed.Remove(key);
            }
            else
            {
                _armed[key] = GetUtcNow() + dueTime;
            }
        }
    }

    private void Disarm(object key)
    {
        lock (_gate)
        {
            _armed.Remove(key);
        }
    }

    private sealed class Tracked(SteppedClock clock, object key, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
                clock.Arm(key, dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Disarm(key);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock.Disarm(key);
            return inner.DisposeAsync();
        }
    }
}
