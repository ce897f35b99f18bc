namespace CrmBridge.Connectors;

/// <summary>
/// Implemented by connectors whose system answers writes asynchronously and assigns its own id and number when it accepts
/// a record (an ERP job that books staging rows minutes later): the upsert only knew the key the bridge wrote the record
/// under, so the system's identity arrives here. Claim with <see cref="ReadAcceptancesAsync"/>, record each in the
/// cross-reference (under the entities <see cref="AssignedIdentity"/> names), then <see cref="AcknowledgeAcceptancesAsync"/>.
/// At least once: a host that stops between the two steps leaves its claim to expire, and the acceptance is read again.
/// </summary>
public interface IAcceptanceFeed
{
    /// <summary>Gets the system name (as <see cref="IConnector.System"/>).</summary>
    string System { get; }

    /// <summary>Claims up to <paramref name="limit"/> acceptances not yet acknowledged, oldest first, for this host.</summary>
    /// <param name="limit">The most acceptances to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The acceptances; empty when there are none.</returns>
    Task<IReadOnlyList<DeliveryAcceptance>> ReadAcceptancesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Marks acceptances as recorded, except those whose record was written again since they were read.</summary>
    /// <param name="acceptances">Acceptances from <see cref="ReadAcceptancesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were marked; the others are read again once the system answers the newer write.</returns>
    Task<int> AcknowledgeAcceptancesAsync(IReadOnlyList<DeliveryAcceptance> acceptances, CancellationToken cancellationToken);
}
