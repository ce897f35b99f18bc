namespace CrmBridge.Pipeline.Operations;

/// <summary>Status of one source system/entity (and route).</summary>
/// <param name="System">The source system.</param>
/// <param name="Entity">The source entity.</param>
/// <param name="Route">The route, or empty for entities only polled.</param>
/// <param name="Checkpoint">The stored checkpoint (truncated), or <see langword="null"/>.</param>
/// <param name="CheckpointAt">When the checkpoint was last saved.</param>
/// <param name="Delivered">Records delivered.</param>
/// <param name="Skipped">Duplicates, older versions and echoes skipped.</param>
/// <param name="Filtered">Records the filter excluded.</param>
/// <param name="Retried">Transient failures retried.</param>
/// <param name="DeadLettered">Open dead letters (on a <c>status:</c> row: sync-status writes given up, which are logged, never dead-lettered).</param>
/// <param name="LastActivity">When the last outcome was recorded.</param>
public sealed record StatusRow(
    string System,
    string Entity,
    string Route,
    string? Checkpoint,
    DateTimeOffset? CheckpointAt,
    long Delivered,
    long Skipped,
    long Filtered,
    long Retried,
    long DeadLettered,
    DateTimeOffset? LastActivity);
