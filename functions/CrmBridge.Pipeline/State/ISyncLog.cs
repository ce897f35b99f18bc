namespace CrmBridge.Pipeline.State;

/// <summary>The sync log: outcome counts for status reporting (synced, skipped, dead-lettered per system/entity/route).</summary>
public interface ISyncLog
{
    /// <summary>Records outcomes.</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task RecordOutcomesAsync(IReadOnlyList<SyncOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>Reads the counts per source system, entity and route.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics.</returns>
    Task<IReadOnlyList<SyncStat>> GetStatsAsync(CancellationToken cancellationToken);
}
