using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>What the sync stage did with a batch of envelopes: one outcome per envelope and route.</summary>
/// <param name="Outcomes">The outcomes, also written to the sync log.</param>
public sealed record StageResult(IReadOnlyList<SyncOutcome> Outcomes)
{
    /// <summary>Counts the outcomes of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public int Count(SyncOutcomeKind kind) => Outcomes.Count(o => o.Kind == kind);
}
