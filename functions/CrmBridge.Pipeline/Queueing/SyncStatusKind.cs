namespace CrmBridge.Pipeline.Queueing;

/// <summary>The sync outcome written to a source record's status field (as lower-case text).</summary>
public enum SyncStatusKind
{
    /// <summary>Delivered to the target (or already there).</summary>
    Synced = 0,

    /// <summary>Dead-lettered: the reason is written beside it.</summary>
    Failed = 1,

    /// <summary>A transient failure is being retried.</summary>
    Pending = 2,
}
