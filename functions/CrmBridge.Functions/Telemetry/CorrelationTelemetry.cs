using System.Diagnostics;
using CrmBridge.Pipeline.Queueing;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Telemetry;

/// <summary>
/// Carries the envelope's correlation id into telemetry: as tags on the current activity (the function invocation's
/// span, exported to Application Insights as custom dimensions) and as a log scope, so one query on
/// <c>CorrelationId</c> finds the webhook call, every retry and the delivery.
/// </summary>
public static class CorrelationTelemetry
{
    /// <summary>The activity source of the app (registered with OpenTelemetry).</summary>
    public const string SourceName = "CrmBridge.Functions";

    /// <summary>The tag/dimension name of the correlation id.</summary>
    public const string CorrelationIdTag = "crmbridge.correlation_id";

    /// <summary>Gets the activity source of the app.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Tags an activity with the system, entity and correlation id.</summary>
    /// <param name="activity">The activity, or <see langword="null"/> when nothing listens.</param>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="correlationId">The correlation id.</param>
    public static void Tag(Activity? activity, string system, string entity, string correlationId)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("crmbridge.system", system);
        activity.SetTag("crmbridge.entity", entity);
        activity.SetTag(CorrelationIdTag, correlationId);
        activity.SetBaggage(CorrelationIdTag, correlationId);
    }

    /// <summary>Tags the current activity with an envelope and opens a log scope with its ids.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The scope to dispose at the end of the invocation.</returns>
    public static IDisposable? BeginEnvelopeScope(ILogger logger, ChangeEnvelope envelope)
    {
        Tag(Activity.Current, envelope.System, envelope.Entity, envelope.CorrelationId);
        Activity.Current?.SetTag("crmbridge.record_id", envelope.RecordId);
        Activity.Current?.SetTag("crmbridge.envelope_id", envelope.Id);
        return logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = envelope.CorrelationId,
            ["System"] = envelope.System,
            ["Entity"] = envelope.Entity,
            ["RecordId"] = envelope.RecordId,
            ["EnvelopeId"] = envelope.Id,
        });
    }
}
