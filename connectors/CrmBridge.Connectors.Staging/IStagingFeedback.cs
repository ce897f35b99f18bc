namespace CrmBridge.Connectors.Staging;

/// <summary>
/// The ERP's asynchronous answers to staged rows. Accepted rows carry <c>erp_id</c>/<c>erp_number</c> (read them with
/// <see cref="IConnector.GetAsync"/>, under <c>_staging</c>). Rejected rows (<c>status = error</c>) are surfaced here so the
/// host can dead-letter them: claim with <see cref="ReadRejectionsAsync"/>, dead-letter each, then
/// <see cref="AcknowledgeRejectionAsync"/> (the row becomes <c>dead</c>; staging the same record again — a replay — re-stages it).
/// At least once: a host that stops between the two steps leaves the claim to expire and another host surfaces the row again.
/// </summary>
public interface IStagingFeedback
{
    /// <summary>Gets the system name of the staging connector (for the records' <see cref="RecordRef"/>).</summary>
    string System { get; }

    /// <summary>
    /// Claims up to <paramref name="limit"/> rejected rows, oldest first, that no other bridge host claimed within
    /// <see cref="StagingConnectorOptions.RejectionLease"/>; rows locked by the ERP job are skipped.
    /// </summary>
    /// <param name="limit">The most rows to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rejections; empty when there are none.</returns>
    Task<IReadOnlyList<StagingRejection>> ReadRejectionsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Marks a surfaced rejection <c>dead</c>, unless the row was re-staged (new payload) since it was read.</summary>
    /// <param name="rejection">A rejection from <see cref="ReadRejectionsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when marked; <see langword="false"/> when the row changed meanwhile.</returns>
    Task<bool> AcknowledgeRejectionAsync(StagingRejection rejection, CancellationToken cancellationToken);
}
