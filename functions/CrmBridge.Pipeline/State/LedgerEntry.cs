namespace CrmBridge.Pipeline.State;

/// <summary>What a route last delivered for one source record: the idempotency ledger's row.</summary>
/// <param name="Route">The route (mapping) name.</param>
/// <param name="SourceId">The source record id.</param>
/// <param name="SourceVersion">The source version delivered, when known.</param>
/// <param name="ContentHash">The hash of the mapped document delivered.</param>
/// <param name="TargetId">The record's id in the target.</param>
/// <param name="DeliveredAt">When it was delivered.</param>
public sealed record LedgerEntry(string Route, string SourceId, string? SourceVersion, string ContentHash, string TargetId, DateTimeOffset DeliveredAt);
