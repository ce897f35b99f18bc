namespace CrmBridge.Connectors.Webhooks;

/// <summary>
/// Upkeep of a system's webhooks that a host runs on a timer, for systems whose subscriptions expire (Business Central:
/// three days) or whose notifications can announce changes without record ids (Business Central's <c>collection</c>).
/// Registered by the connector beside its <see cref="IWebhookReceiver"/>; hosts run every registered one.
/// </summary>
public interface IWebhookMaintenance
{
    /// <summary>Gets the system whose webhooks this maintains.</summary>
    string System { get; }

    /// <summary>Creates missing subscriptions and renews those about to expire (a no-op when webhooks are not configured).</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the subscriptions are in place.</returns>
    Task MaintainSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Runs the follow-up queries of notifications that named no records, and returns the changes they found.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The changes to enqueue, one notification per entity (empty when nothing is pending).</returns>
    Task<IReadOnlyList<WebhookNotification>> FollowUpAsync(CancellationToken cancellationToken);
}
