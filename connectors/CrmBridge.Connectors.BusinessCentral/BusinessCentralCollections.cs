using System.Collections.Concurrent;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// The <c>collection</c> notifications received and not yet followed. The receiver does no I/O, so it records them here;
/// <see cref="BusinessCentralCollectionFollower"/> (called by the host after the webhook answer, or by its poll timer)
/// runs the <c>lastModifiedDateTime</c> query and returns the changes to enqueue.
/// </summary>
public sealed class BusinessCentralCollections
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets how many entities wait for a follow-up query.</summary>
    public int Count => _pending.Count;

    /// <summary>Records a collection notification; an earlier <c>since</c> for the same entity wins.</summary>
    /// <param name="notification">The notification.</param>
    public void Add(CollectionNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        _pending.AddOrUpdate(notification.Entity, notification.Since, (_, existing) => existing < notification.Since ? existing : notification.Since);
    }

    /// <summary>Takes every pending notification.</summary>
    /// <returns>The notifications, removed from the pending set.</returns>
    public IReadOnlyList<CollectionNotification> TakeAll()
    {
        var taken = new List<CollectionNotification>();
        foreach (var entity in _pending.Keys)
        {
            if (_pending.TryRemove(entity, out var since))
            {
                taken.Add(new CollectionNotification(entity, since));
            }
        }

        return taken;
    }
}
