namespace CrmBridge.Pipeline.State;

/// <summary>
/// Everything the pipeline remembers, as one store made of small ports: checkpoints, the idempotency ledger,
/// cross-references, write echoes, dead letters and the sync log. Adapters: embedded SQLite (default) and Azure Tables.
/// </summary>
public interface ISyncStateStore : ICheckpointStore, ISyncLedger, ICrossReferenceStore, IWriteEchoStore, IDeadLetterStore, ISyncLog, IRecordLeaseStore
{
    /// <summary>Creates tables/containers if missing. Idempotent; called once at start-up.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when ready.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);
}
