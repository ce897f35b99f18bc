namespace CrmBridge.Pipeline.State;

/// <summary>What a route last delivered for one source record: the idempotency ledger's row.</summary>
/// <remarks>
/// After a delete the row stays as a tombstone (<see cref="Tombstone"/>): <see cref="ContentHash"/> is
/// <see cref="DeletedHash"/> (never a real hash: those are base64url), <see cref="SourceVersion"/> is empty and
/// <see cref="DeliveredAt"/> is when the delete was applied. A later snapshot of the record is then not trusted (the
/// source is read again) and the normal ledger write of a restored record replaces the tombstone. Tombstones are purged
/// after <c>Pipeline:Retention</c>.
/// </remarks>
/// <param name="Route">The route (mapping) name.</param>
/// <param name="SourceId">The source record id.</param>
/// <param name="SourceVersion">The source version delivered, when known.</param>
/// <param name="ContentHash">The hash of the mapped document delivered, or <see cref="DeletedHash"/>.</param>
/// <param name="TargetId">The record's id in the target (for a tombstone: the deleted one, or empty).</param>
/// <param name="DeliveredAt">When it was delivered (for a tombstone: deleted).</param>
public sealed record LedgerEntry(string Route, string SourceId, string? SourceVersion, string ContentHash, string TargetId, DateTimeOffset DeliveredAt)
{
    /// <summary>The reserved <see cref="ContentHash"/> of a tombstone: the record was deleted on this route.</summary>
    public const string DeletedHash = "~deleted";

    /// <summary>Gets a value indicating whether this entry is a tombstone (the record was deleted on this route).</summary>
    public bool IsTombstone => ContentHash == DeletedHash;

    /// <summary>Creates the tombstone of a record deleted on a route.</summary>
    /// <param name="route">The route name.</param>
    /// <param name="sourceId">The source record id.</param>
    /// <param name="targetId">The deleted target id, when known.</param>
    /// <param name="deletedAt">When the delete was applied.</param>
    /// <returns>The tombstone.</returns>
    public static LedgerEntry Tombstone(string route, string sourceId, string? targetId, DateTimeOffset deletedAt) =>
        new(route, sourceId, null, DeletedHash, targetId ?? "", deletedAt);
}
