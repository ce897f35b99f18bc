namespace CrmBridge.Pipeline.State;

/// <summary>Counts of outcomes for one source system, entity and route.</summary>
/// <param name="System">The source system.</param>
/// <param name="Entity">The source entity.</param>
/// <param name="Route">The route.</param>
/// <param name="Counts">How many outcomes of each kind.</param>
/// <param name="LastAt">When the last outcome was recorded.</param>
public sealed record SyncStat(string System, string Entity, string Route, IReadOnlyDictionary<SyncOutcomeKind, long> Counts, DateTimeOffset LastAt)
{
    /// <summary>Gets the count of one kind (0 when none).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public long Count(SyncOutcomeKind kind) => Counts.TryGetValue(kind, out var n) ? n : 0;
}
