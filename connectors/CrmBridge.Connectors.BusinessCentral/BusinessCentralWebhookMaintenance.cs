using CrmBridge.Connectors.Webhooks;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>The host-run upkeep of Business Central webhooks: subscriptions kept alive, <c>collection</c> notifications followed.</summary>
internal sealed class BusinessCentralWebhookMaintenance : IWebhookMaintenance
{
    private readonly BusinessCentralSubscriptionManager _subscriptions;
    private readonly BusinessCentralCollectionFollower _follower;

    public BusinessCentralWebhookMaintenance(string system, BusinessCentralSubscriptionManager subscriptions, BusinessCentralCollectionFollower follower)
    {
        System = system;
        _subscriptions = subscriptions;
        _follower = follower;
    }

    public string System { get; }

    public Task MaintainSubscriptionsAsync(CancellationToken cancellationToken) => _subscriptions.EnsureAsync(cancellationToken);

    public Task<IReadOnlyList<WebhookNotification>> FollowUpAsync(CancellationToken cancellationToken) => _follower.FollowAsync(cancellationToken);
}
