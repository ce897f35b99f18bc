namespace CrmBridge.Pipeline.State;

/// <summary>What the sync stage did with one envelope on one route.</summary>
public enum SyncOutcomeKind
{
    /// <summary>Written to the target.</summary>
    Delivered = 0,

    /// <summary>Skipped: the same content or a newer version was already delivered (duplicate / out of order).</summary>
    Skipped = 1,

    /// <summary>Excluded by the mapping's filter.</summary>
    Filtered = 2,

    /// <summary>Dropped as the echo of the bridge's own write (loop prevention).</summary>
    Echo = 3,

    /// <summary>Re-enqueued after a transient failure.</summary>
    Retried = 4,

    /// <summary>Deferred until a referenced record syncs.</summary>
    Deferred = 5,

    /// <summary>Moved to the dead-letter store.</summary>
    DeadLettered = 6,

    /// <summary>A delete propagated (or deliberately ignored per the route).</summary>
    Deleted = 7,

    /// <summary>Given up without a dead letter: a sync-status write the CRM refused (logged; it never blocks the record).</summary>
    Failed = 8,
}
