namespace CrmBridge.Pipeline.State;

/// <summary>The life of a dead letter.</summary>
public enum DeadLetterStatus
{
    /// <summary>Waiting for an admin: fix the mapping or the data, then replay.</summary>
    Open = 0,

    /// <summary>Replayed: a fresh envelope was enqueued. Kept for the audit trail.</summary>
    Replayed = 1,

    /// <summary>Dismissed by an admin without replay.</summary>
    Dismissed = 2,

    /// <summary>Closed by itself: the record was delivered later (a newer change, a backfill, a retry of another message).</summary>
    Resolved = 3,
}
