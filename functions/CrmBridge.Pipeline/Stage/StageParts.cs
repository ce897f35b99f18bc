namespace CrmBridge.Pipeline.Stage;

/// <summary>The collaborators a <see cref="SyncStage"/> orchestrates.</summary>
/// <param name="Preparer">Routes, echo check, source read and mapping.</param>
/// <param name="Dependencies">Syncs referenced records first.</param>
/// <param name="Deliverer">Upserts and records deliveries.</param>
/// <param name="Settler">Retries, defers or dead-letters failures.</param>
internal sealed record StageParts(EnvelopePreparer Preparer, DependencyResolver Dependencies, IDeliverer Deliverer, OutcomeSettler Settler)
{
    /// <summary>Gets the record leaser (default: none, every record counts as leased).</summary>
    public RecordLeaser Leaser { get; init; } = RecordLeaser.None;

    /// <summary>Gets the writer of queued sync outcomes to source records (default: none, such envelopes are skipped).</summary>
    public StatusWriteback.SyncStatusWriter? StatusWriter { get; init; }
}
