namespace CrmBridge.Connectors;

/// <summary>
/// The port every external system adapter implements. All failures surface as <see cref="ConnectorException"/>
/// (classified transient / throttled / quota / permanent / not-found); connectors never swallow errors.
/// </summary>
public interface IConnector
{
    /// <summary>Gets the system name this connector serves (for example <c>dataverse</c>); routes and envelopes use it.</summary>
    string System { get; }

    /// <summary>Reads the current state of one record.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="id">The record id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> when it does not exist (deleted).</returns>
    Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Reads several records of one entity with as few calls as the system allows (an id filter, an ids parameter).
    /// The default reads them one by one; connectors whose API reads by many ids override it.
    /// </summary>
    /// <param name="entity">The entity.</param>
    /// <param name="ids">The record ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records found, by id; an id with no entry does not exist (deleted).</returns>
    async Task<IReadOnlyDictionary<string, SourceRecord>> GetManyAsync(string entity, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, SourceRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await GetAsync(entity, id, cancellationToken).ConfigureAwait(false) is { } record)
            {
                found[id] = record;
            }
        }

        return found;
    }

    /// <summary>Lists changes since a checkpoint, one page per call.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="checkpoint">The checkpoint from the previous page, or <see langword="null"/> for a full initial sync.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of changes; store <see cref="ChangePage.NextCheckpoint"/> only after the changes are enqueued.</returns>
    /// <exception cref="ConnectorException">With <see cref="ErrorKind.CheckpointExpired"/> when the checkpoint can no longer be used.</exception>
    Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken);

    /// <summary>Creates or updates one record by its key. Idempotent: the same request twice leaves one record.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The target id, whether it was created, and the new version.</returns>
    Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or updates several records of the same entity with as few calls as the system allows ($batch, bulk upsert).
    /// A failure of one item does not fail the others: each gets its own <see cref="BatchItemResult"/>.
    /// </summary>
    /// <param name="requests">The requests, all for the same entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per request, in request order.</returns>
    /// <exception cref="ConnectorException">When the whole call failed (throttled, unreachable).</exception>
    Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken);

    /// <summary>Deletes (or deactivates, where the system only allows that) one record by its id.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="id">The record id in this system.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when it did not exist.</returns>
    Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken);
}
