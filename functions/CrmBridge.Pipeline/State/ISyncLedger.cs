namespace CrmBridge.Pipeline.State;

/// <summary>
/// The idempotency ledger: last delivered source version and content hash per route and record. A duplicate or older
/// version is skipped, so queue redelivery never creates a second ERP order.
/// </summary>
public interface ISyncLedger
{
    /// <summary>Reads a ledger entry.</summary>
    /// <param name="route">The route name.</param>
    /// <param name="sourceId">The source record id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/> when the record was never delivered on this route.</returns>
    Task<LedgerEntry?> GetLedgerAsync(string route, string sourceId, CancellationToken cancellationToken);

    /// <summary>Writes (inserts or replaces) a ledger entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    Task PutLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a ledger entry (so the record's next change is delivered again; a delete writes a tombstone instead).</summary>
    /// <param name="route">The route name.</param>
    /// <param name="sourceId">The source record id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    Task DeleteLedgerAsync(string route, string sourceId, CancellationToken cancellationToken);

    /// <summary>Removes the tombstones (<see cref="LedgerEntry.IsTombstone"/>) of records deleted before a time.</summary>
    /// <param name="deletedBefore">The cut-off (<c>Pipeline:Retention</c> ago).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were removed.</returns>
    Task<int> PurgeTombstonesAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken);
}
