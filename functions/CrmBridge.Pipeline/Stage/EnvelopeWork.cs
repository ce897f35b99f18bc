using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>One envelope in the stage: its routes and, when it failed before routing, why.</summary>
internal sealed class EnvelopeWork
{
    public EnvelopeWork(ChangeEnvelope envelope, int dequeueCount)
    {
        Envelope = envelope;
        DequeueCount = dequeueCount;
    }

    public ChangeEnvelope Envelope { get; }

    public int DequeueCount { get; }

    public List<RouteWork> Routes { get; } = [];

    /// <summary>Gets or sets a failure before any route ran (fetching the source record).</summary>
    public StageFailure? Failure { get; set; }

    /// <summary>Gets or sets an outcome for the whole envelope (echo, no route, gone).</summary>
    public SyncOutcomeKind? Outcome { get; set; }

    /// <summary>Gets the outcomes of dependencies synced inline for this envelope.</summary>
    public List<SyncOutcome> DependencyOutcomes { get; } = [];

    /// <summary>Gets or sets the dependency depth (0 for queued envelopes, 1+ for inline dependency syncs).</summary>
    public int Depth { get; init; }
}
