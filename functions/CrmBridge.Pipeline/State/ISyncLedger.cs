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

    /// <summary>Removes a ledger entry (after a delete was propagated).</summary>
    /// <param name="route">The route name.</param>
    /// <param name="sourceId">The source record id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    Task DeleteLedgerAsync(string route, string sourceId, CancellationToken cancellationToken);
}
