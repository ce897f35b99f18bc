using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.State;

/// <summary>One entry of the sync log.</summary>
/// <param name="System">The source system.</param>
/// <param name="Entity">The source entity.</param>
/// <param name="Route">The route, or empty when none applied.</param>
/// <param name="RecordId">The source record id.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When.</param>
/// <param name="CorrelationId">The correlation id.</param>
public sealed record SyncOutcome(string System, string Entity, string Route, string RecordId, SyncOutcomeKind Kind, DateTimeOffset At, string CorrelationId)
{
    /// <summary>Creates the sync-log entry of one envelope and route.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="route">The route, or empty when none applied.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="at">When.</param>
    /// <returns>The entry.</returns>
    public static SyncOutcome For(ChangeEnvelope envelope, string route, SyncOutcomeKind kind, DateTimeOffset at) =>
        new(envelope.System, envelope.Entity, route, envelope.RecordId, kind, at, envelope.CorrelationId);
}
