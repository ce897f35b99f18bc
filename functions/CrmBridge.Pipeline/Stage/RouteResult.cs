using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Where one route of one envelope stands: finished (<see cref="Outcome"/>), failed (<see cref="Failure"/>), ready to
/// deliver (<see cref="Delivery"/>), waiting for dependencies (<see cref="Awaiting"/>), or none of them when the
/// envelope as a whole was settled (an echo, a source record gone).
/// </summary>
/// <param name="Route">The route.</param>
internal sealed record RouteResult(SyncRoute Route)
{
    public SyncOutcomeKind? Outcome { get; init; }

    public StageFailure? Failure { get; init; }

    public PendingDelivery? Delivery { get; init; }

    public AwaitingLookups? Awaiting { get; init; }

    /// <summary>Gets the target id to report as synced on the source's status fields: delivered now, or already there
    /// while the status still shows another outcome.</summary>
    public string? SyncedTargetId { get; init; }

    /// <summary>Gets the hash of the mapped document the outcome is about (delivered, attempted, or already delivered), when there was one.</summary>
    public string? ContentHash
    {
        get => _contentHash ?? Delivery?.ContentHash;
        init => _contentHash = value;
    }

    private readonly string? _contentHash;

    public bool AwaitsDelivery => Delivery is not null && Outcome is null && Failure is null;

    public static RouteResult Done(SyncRoute route, SyncOutcomeKind outcome) => new(route) { Outcome = outcome };

    public static RouteResult Failed(SyncRoute route, StageFailure failure) => new(route) { Failure = failure };

    public static RouteResult Pending(PendingDelivery delivery) => new(delivery.Route) { Delivery = delivery };

    public static RouteResult Waiting(SyncRoute route, AwaitingLookups awaiting) => new(route) { Awaiting = awaiting };
}
