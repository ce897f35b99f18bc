using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Operations;

/// <summary>Builds the status report: checkpoints, outcome counts, backlog and open dead letters.</summary>
public sealed class StatusService
{
    private readonly ISyncStateStore _state;
    private readonly IWorkQueue _queue;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="StatusService"/> class.</summary>
    /// <param name="state">The state store.</param>
    /// <param name="queue">The work queue.</param>
    /// <param name="time">The clock.</param>
    public StatusService(ISyncStateStore state, IWorkQueue queue, TimeProvider time)
    {
        _state = state;
        _queue = queue;
        _time = time;
    }

    /// <summary>Builds the report.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    public async Task<SyncStatusReport> GetReportAsync(CancellationToken cancellationToken)
    {
        var all = await _state.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var circuits = CircuitBreakers.FromCheckpoints(all);
        var polls = PollHealth.FromCheckpoints(all);
        // Reserved systems (#circuit, #poll, #health, #admin-audit, ...) hold bookkeeping rows, not change-detection checkpoints.
        var checkpoints = all.Where(c => !c.System.StartsWith('#')).ToList();
        var stats = await _state.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        // Counted in the store: the report never loads the letters themselves, however many there are.
        var open = await _state.CountOpenDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        var pending = await _queue.CountAsync(cancellationToken).ConfigureAwait(false);

        var comparer = StringComparer.OrdinalIgnoreCase;
        var rows = new List<StatusRow>();
        foreach (var stat in stats.Where(s => s.Route.Length > 0 || s.Count(SyncOutcomeKind.DeadLettered) > 0))
        {
            var checkpoint = checkpoints.FirstOrDefault(c => comparer.Equals(c.System, stat.System) && comparer.Equals(c.Entity, stat.Entity));
            var deadLettered = open.Where(d => comparer.Equals(d.System, stat.System) && comparer.Equals(d.Entity, stat.Entity) && (d.Route ?? "") == stat.Route).Sum(d => d.Count);
            rows.Add(new StatusRow(
                stat.System, stat.Entity, stat.Route, Shorten(checkpoint.Checkpoint?.Value), checkpoint.Checkpoint?.UpdatedAt,
                stat.Count(SyncOutcomeKind.Delivered),
                stat.Count(SyncOutcomeKind.Skipped) + stat.Count(SyncOutcomeKind.Echo),
                stat.Count(SyncOutcomeKind.Filtered),
                stat.Count(SyncOutcomeKind.Retried),
                deadLettered + stat.Count(SyncOutcomeKind.Failed),
                stat.LastAt));
        }

        foreach (var (system, entity, checkpoint) in checkpoints)
        {
            if (!rows.Any(r => comparer.Equals(r.System, system) && comparer.Equals(r.Entity, entity)))
            {
                rows.Add(new StatusRow(system, entity, "", Shorten(checkpoint.Value), checkpoint.UpdatedAt, 0, 0, 0, 0, 0, null));
            }
        }

        var ordered = rows.OrderBy(r => r.System, comparer).ThenBy(r => r.Entity, comparer).ThenBy(r => r.Route, StringComparer.Ordinal).ToList();
        return new SyncStatusReport(ordered, pending, open.Sum(d => d.Count), _time.GetUtcNow(), circuits.OrderBy(c => c.System, comparer).ToList(),
            polls.OrderBy(p => p.System, comparer).ThenBy(p => p.Entity, comparer).ToList());
    }

    private static string? Shorten(string? value) => value is { Length: > 60 } ? value[..57] + "..." : value;
}
