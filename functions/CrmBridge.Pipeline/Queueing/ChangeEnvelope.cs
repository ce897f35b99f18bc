using System.Text.Json.Nodes;
using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.Queueing;

/// <summary>
/// A small message saying "this record changed": what the change detectors (webhooks, polls) enqueue and the sync stage
/// consumes. Serialised as JSON by <see cref="EnvelopeCodec"/>; a snapshot too large for a queue message is stored aside
/// (claim check) and referenced by <see cref="SnapshotRef"/>.
/// </summary>
public sealed record ChangeEnvelope
{
    /// <summary>Gets the envelope's unique id (stable across retries of the same change).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the source system name.</summary>
    public required string System { get; init; }

    /// <summary>Gets the source entity.</summary>
    public required string Entity { get; init; }

    /// <summary>Gets the record id in the source system.</summary>
    public required string RecordId { get; init; }

    /// <summary>Gets the operation.</summary>
    public ChangeOperation Operation { get; init; }

    /// <summary>Gets the source version or modified time, when the detector knew it.</summary>
    public string? SourceVersion { get; init; }

    /// <summary>Gets the correlation id that flows from the webhook or poll to delivery and into logs.</summary>
    public required string CorrelationId { get; init; }

    /// <summary>Gets the number of failed delivery attempts so far (0 for a fresh change).</summary>
    public int Attempt { get; init; }

    /// <summary>Gets how often the envelope was deferred waiting for a dependency (a customer before its order).</summary>
    public int Deferrals { get; init; }

    /// <summary>Gets when the change was first seen.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>Gets the record snapshot a poll or delta already returned, so the stage needs no second API call.</summary>
    public JsonObject? Snapshot { get; init; }

    /// <summary>Gets the claim-check reference of a snapshot stored aside because it was too large for the queue.</summary>
    public string? SnapshotRef { get; init; }

    /// <summary>Gets the single route to run, or <see langword="null"/> for every route from the source entity.</summary>
    public string? Route { get; init; }

    /// <summary>Gets why the envelope was enqueued: one of <see cref="EnvelopeOrigins"/>.</summary>
    public string? Origin { get; init; }

    /// <summary>Gets the history of failed attempts (most recent last, capped).</summary>
    public IReadOnlyList<AttemptNote> History { get; init; } = [];

    /// <summary>Gets, for an envelope of origin <see cref="EnvelopeOrigins.SyncStatus"/>, the outcome to write to the record's status fields.</summary>
    public SyncStatusUpdate? Status { get; init; }

    /// <summary>Gets the source record's reference.</summary>
    public RecordRef Source => new(System, Entity, RecordId);
}
