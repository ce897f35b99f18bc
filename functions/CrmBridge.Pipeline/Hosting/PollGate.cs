using CrmBridge.Pipeline.Intake;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>
/// Holds a dependant's poll (orders) while one of its parents (accounts, <see cref="PollOrder"/>) is being polled or has
/// pages still waiting, for at most a given hold. Until a parent's first poll finished its backlog is unknown and counts
/// as waiting; a failed poll clears it (a failing parent is not delivering, holding its dependants gains nothing).
/// Waiters are woken by every change of state, never by polling a flag.
/// </summary>
internal sealed class PollGate
{
    private readonly object _sync = new();
    private readonly Dictionary<string, ParentState> _states = new(StringComparer.OrdinalIgnoreCase);
    private readonly PollOrder _order;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PollGate(PollOrder order, IEnumerable<PollTarget> targets, TimeProvider time, ILogger logger)
    {
        _order = order;
        _time = time;
        _logger = logger;
        foreach (var target in targets)
        {
            _states.TryAdd(Key(target), new ParentState());
        }
    }

    /// <summary>Waits until no parent of <paramref name="target"/> polls or has pages waiting, or <paramref name="maxHold"/> passed.</summary>
    /// <returns><see langword="true"/> when the parents were done; <see langword="false"/> when the hold ran out.</returns>
    public async Task<bool> WaitForParentsAsync(PollTarget target, TimeSpan maxHold, CancellationToken cancellationToken)
    {
        var parents = _order.ParentsOf(target.System, target.Entity).Select(p => p.System + "/" + p.Entity).Where(_states.ContainsKey).ToList();
        if (parents.Count == 0 || maxHold <= TimeSpan.Zero)
        {
            return true;
        }

        var start = _time.GetTimestamp();
        while (true)
        {
            Task changed;
            List<string> busy;
            lock (_sync)
            {
                busy = parents.Where(p => _states[p].Busy).ToList();
                changed = _changed.Task;
            }

            if (busy.Count == 0)
            {
                return true;
            }

            var left = maxHold - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                PipelineLog.PollHoldExpired(_logger, target.System, target.Entity, maxHold, string.Join(", ", busy));
                return false;
            }

            try
            {
                await changed.WaitAsync(left, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The hold ran out: the next round logs it and lets the poll go.
            }
        }
    }

    /// <summary>Records that a poll of <paramref name="target"/> started.</summary>
    public void Started(PollTarget target) => Change(target, s => s.Polling++);

    /// <summary>Records that a poll of <paramref name="target"/> finished, with more pages waiting or not.</summary>
    public void Finished(PollTarget target, bool hasMore) => Change(target, s =>
    {
        s.Polling--;
        s.Waiting = hasMore;
    });

    /// <summary>Records that a poll of <paramref name="target"/> failed: it holds nobody until it polls again.</summary>
    public void Failed(PollTarget target) => Change(target, s =>
    {
        s.Polling--;
        s.Waiting = false;
    });

    private static string Key(PollTarget target) => target.System + "/" + target.Entity;

    private void Change(PollTarget target, Action<ParentState> change)
    {
        lock (_sync)
        {
            if (!_states.TryGetValue(Key(target), out var state))
            {
                return;
            }

            change(state);
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    private sealed class ParentState
    {
        public int Polling { get; set; }

        /// <summary>Gets or sets a value indicating whether pages are waiting; unknown (so waiting) until the first poll.</summary>
        public bool Waiting { get; set; } = true;

        public bool Busy => Polling > 0 || Waiting;
    }
}
