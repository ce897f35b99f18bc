using CrmBridge.Connectors.Webhooks;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Follows the recorded <c>collection</c> notifications with a <c>lastModifiedDateTime gt …</c> query each and returns the
/// changes (with snapshots) for the host to enqueue. A failed query puts its notification back.
/// </summary>
public sealed class BusinessCentralCollectionFollower
{
    private readonly BusinessCentralConnector _connector;
    private readonly BusinessCentralCollections _collections;

    internal BusinessCentralCollectionFollower(BusinessCentralConnector connector, BusinessCentralCollections collections)
    {
        _connector = connector;
        _collections = collections;
    }

    /// <summary>Runs the follow-up queries.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One notification per entity with changes.</returns>
    public async Task<IReadOnlyList<WebhookNotification>> FollowAsync(CancellationToken cancellationToken)
    {
        var result = new List<WebhookNotification>();
        var pending = new Queue<CollectionNotification>(_collections.TakeAll());
        while (pending.TryDequeue(out var collection))
        {
            try
            {
                var changes = await _connector.QueryModifiedSinceAsync(collection.Entity, collection.Since, cancellationToken).ConfigureAwait(false);
                if (changes.Count > 0)
                {
                    result.Add(new WebhookNotification(collection.Entity, changes, null));
                }
            }
            catch
            {
                _collections.Add(collection);
                while (pending.TryDequeue(out var rest))
                {
                    _collections.Add(rest);
                }

                throw;
            }
        }

        return result;
    }
}
