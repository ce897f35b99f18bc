namespace CrmBridge.Pipeline.Queueing;

/// <summary>
/// Why an envelope was enqueued (<see cref="ChangeEnvelope.Origin"/>); shown by <c>deadletters show</c> and in logs.
/// Explained in <c>docs/dead-letter-codes.md</c>.
/// </summary>
public static class EnvelopeOrigins
{
    /// <summary>A change a system pushed to the webhook endpoint (also the channel of rejected webhook calls).</summary>
    public const string Webhook = "webhook";

    /// <summary>A change found by polling a system's change feed; <c>crmbridge backfill</c> re-polls, so its envelopes say this too.</summary>
    public const string Poll = "poll";

    /// <summary>A dead letter an admin replayed.</summary>
    public const string Replay = "replay";

    /// <summary>A referenced record the stage syncs inline before its dependant (never queued itself).</summary>
    public const string Dependency = "dependency";

    /// <summary>A change re-enqueued with backoff after a transient failure.</summary>
    public const string Retry = "retry";

    /// <summary>A change re-enqueued to wait for a referenced record that is not synced yet.</summary>
    public const string Deferred = "deferred";

    /// <summary>A delivery the target accepted and later rejected (a staging row the ERP job refused), dead-lettered by the rejection poller.</summary>
    public const string TargetFeedback = "target-feedback";

    /// <summary>A record <c>crmbridge reconcile --repair</c> found missing, stale or orphaned in its target.</summary>
    public const string Reconcile = "reconcile";

    /// <summary>A sync outcome to write to the source record's status fields (<see cref="ChangeEnvelope.Status"/>); never a change itself.</summary>
    public const string SyncStatus = "sync-status";
}
