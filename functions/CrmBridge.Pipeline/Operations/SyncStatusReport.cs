using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Resilience;

namespace CrmBridge.Pipeline.Operations;

/// <summary>The status of the whole sync: per system/entity rows, the queue backlog and open dead letters.</summary>
/// <param name="Rows">One row per source system, entity and route.</param>
/// <param name="Pending">Envelopes waiting in the queue (approximate).</param>
/// <param name="OpenDeadLetters">Dead letters waiting for an admin.</param>
/// <param name="GeneratedAt">When the report was made.</param>
/// <param name="Circuits">The circuit of each target system that has ever opened (as last recorded by any host).</param>
/// <param name="Polls">Per poll target: the last poll, its outcome, consecutive failures and the last error (as last recorded by any host).</param>
public sealed record SyncStatusReport(IReadOnlyList<StatusRow> Rows, long Pending, int OpenDeadLetters, DateTimeOffset GeneratedAt, IReadOnlyList<CircuitSnapshot> Circuits, IReadOnlyList<PollTargetStatus> Polls);
