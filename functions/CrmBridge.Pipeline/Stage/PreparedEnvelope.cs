using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// One envelope as the stage's collaborators hand it on: its routes' results, an envelope-wide outcome or failure, and
/// the outcomes of dependencies synced inline for it. Immutable: each step returns a new value.
/// </summary>
/// <param name="Envelope">The envelope.</param>
/// <param name="Depth">0 for queued envelopes, 1+ for dependencies synced inline.</param>
internal sealed record PreparedEnvelope(ChangeEnvelope Envelope, int Depth)
{
    public IReadOnlyList<RouteResult> Routes { get; init; } = [];

    /// <summary>Gets a failure of the whole envelope (before routing, or an exception while preparing).</summary>
    public StageFailure? Failure { get; init; }

    /// <summary>Gets an outcome for the whole envelope (echo, no route, source record gone).</summary>
    public SyncOutcomeKind? Outcome { get; init; }

    public IReadOnlyList<SyncOutcome> DependencyOutcomes { get; init; } = [];

    public IReadOnlyList<PendingDelivery> PendingDeliveries =>
        Failure is null ? Routes.Where(r => r.AwaitsDelivery).Select(r => r.Delivery!).ToList() : [];

    /// <summary>Indexes delivery results by their delivery, for <see cref="WithDeliveries(IReadOnlyDictionary{object, DeliveryResult})"/> over many envelopes.</summary>
    /// <param name="results">The results.</param>
    /// <returns>The results by delivery (reference equality).</returns>
    public static IReadOnlyDictionary<object, DeliveryResult> Index(IReadOnlyList<DeliveryResult> results) =>
        results.ToDictionary(r => (object)r.Delivery, ReferenceEqualityComparer.Instance);

    /// <summary>Applies delivery results to the routes they belong to.</summary>
    /// <param name="results">The results (others' are ignored).</param>
    /// <returns>The updated envelope.</returns>
    /// <remarks>Scans the list per route, allocating nothing: for applying one batch's results to many envelopes, index them once with <see cref="Index"/>.</remarks>
    public PreparedEnvelope WithDeliveries(IReadOnlyList<DeliveryResult> results) =>
        Apply(delivery =>
        {
            for (var i = 0; i < results.Count; i++)
            {
                if (ReferenceEquals(results[i].Delivery, delivery))
                {
                    return results[i];
                }
            }

            return null;
        });

    /// <summary>Applies indexed delivery results (see <see cref="Index"/>) to the routes they belong to.</summary>
    /// <param name="byDelivery">The results by delivery (others' are ignored).</param>
    /// <returns>The updated envelope.</returns>
    public PreparedEnvelope WithDeliveries(IReadOnlyDictionary<object, DeliveryResult> byDelivery) =>
        Apply(delivery => byDelivery.TryGetValue(delivery, out var result) ? result : null);

    private PreparedEnvelope Apply(Func<PendingDelivery, DeliveryResult?> find) =>
        !Routes.Any(r => r.Delivery is not null) ? this : this with
        {
            Routes = Routes.Select(r => r.Delivery is not null && find(r.Delivery) is { } result
                ? result.Failure is null
                    ? RouteResult.Done(r.Route, SyncOutcomeKind.Delivered) with { Delivery = r.Delivery, SyncedTargetId = result.TargetId }
                    : RouteResult.Failed(r.Route, result.Failure) with { Delivery = r.Delivery }
                : r).ToList(),
        };
}
