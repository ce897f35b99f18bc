namespace CrmBridge.Pipeline.Queueing;

/// <summary>
/// The outcome of one route for one record, to be written to the source record's status fields. Carried by an envelope of
/// origin <see cref="EnvelopeOrigins.SyncStatus"/>; the route's <c>syncStatus:</c> fields decide where the values go.
/// </summary>
/// <param name="Kind">Synced, failed or pending.</param>
/// <param name="At">When the outcome happened (the latest outcome of a record wins; written as the sync time).</param>
/// <param name="ErpNumber">The target record's id or number (synced only).</param>
/// <param name="Error">The failure reason in plain words, the dead letter's text (failed only).</param>
/// <param name="ContentHash">The hash of the mapped document whose outcome this is, when there was one (loop prevention).</param>
public sealed record SyncStatusUpdate(SyncStatusKind Kind, DateTimeOffset At, string? ErpNumber = null, string? Error = null, string? ContentHash = null);
