namespace CrmBridge.Connectors;

/// <summary>
/// Implemented by connectors whose system answers writes asynchronously (an ERP job that processes staging rows minutes
/// later): a successful upsert only means "accepted for processing", and the system's later refusals are read here so the
/// host can dead-letter them. Claim with <see cref="ReadRejectionsAsync"/>, dead-letter each, then
/// <see cref="AcknowledgeRejectionAsync"/>; delivering the same record again (a replay) resubmits it. At least once: a host
/// that stops between the two steps leaves its claim to expire, and the rejection is read again.
/// </summary>
public interface IRejectionFeed
{
    /// <summary>Gets the system name (as <see cref="IConnector.System"/>).</summary>
    string System { get; }

    /// <summary>Claims up to <paramref name="limit"/> rejections not yet acknowledged, oldest first, for this host.</summary>
    /// <param name="limit">The most rejections to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rejections; empty when there are none.</returns>
    Task<IReadOnlyList<DeliveryRejection>> ReadRejectionsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Marks a rejection as handled (dead-lettered), unless the record was written again since it was read.</summary>
    /// <param name="rejection">A rejection from <see cref="ReadRejectionsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when marked; <see langword="false"/> when the record changed meanwhile (nothing to do).</returns>
    Task<bool> AcknowledgeRejectionAsync(DeliveryRejection rejection, CancellationToken cancellationToken);
}
