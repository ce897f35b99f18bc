using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>The state of one route for one envelope while the stage works on it.</summary>
internal sealed class RouteWork
{
    public RouteWork(EnvelopeWork owner, SyncRoute route)
    {
        Owner = owner;
        Route = route;
    }

    public EnvelopeWork Owner { get; }

    public SyncRoute Route { get; }

    /// <summary>Gets or sets the mapped document awaiting delivery.</summary>
    public JsonObject? Document { get; set; }

    public string? KeyValue { get; set; }

    public string? ContentHash { get; set; }

    public string? SourceVersion { get; set; }

    /// <summary>Gets or sets the outcome once the route is done (delivered, skipped, filtered, ...).</summary>
    public SyncOutcomeKind? Outcome { get; set; }

    /// <summary>Gets or sets the failure when the route could not complete.</summary>
    public StageFailure? Failure { get; set; }

    public bool AwaitsDelivery => Document is not null && Outcome is null && Failure is null;

    public void Complete(SyncOutcomeKind outcome) => Outcome = outcome;

    public void Fail(StageFailure failure) => Failure = failure;
}
