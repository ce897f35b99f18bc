using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <content>Mapping with lookups, and syncing a referenced record first (customer before order).</content>
public sealed partial class SyncStage
{
    private const int MaxDependencyDepth = 2;

    private async Task<MapResult> MapAsync(RouteWork work, JsonObject data, CancellationToken cancellationToken)
    {
        var resolver = new LookupResolver(work.Route, _xrefCache);
        var result = _mapper.Map(work.Route, data, resolver);
        if (result.Status != MapStatus.MissingLookups)
        {
            return result;
        }

        if (await resolver.LoadAsync(result.MissingLookups, _state, cancellationToken).ConfigureAwait(false))
        {
            result = _mapper.Map(work.Route, data, resolver);
            if (result.Status != MapStatus.MissingLookups)
            {
                return result;
            }
        }

        foreach (var missing in result.MissingLookups.DistinctBy(m => (m.Lookup, m.SourceId)))
        {
            var failure = await ResolveDependencyAsync(work, resolver, missing, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                work.Fail(failure);
                return result;
            }
        }

        await resolver.LoadAsync(result.MissingLookups, _state, cancellationToken).ConfigureAwait(false);
        result = _mapper.Map(work.Route, data, resolver);
        if (result.Status == MapStatus.MissingLookups)
        {
            var first = result.MissingLookups[0];
            work.Fail(StageFailure.Deferred($"Lookup '{first.Lookup}' for {first.Field}: source id {first.SourceId} is not synced yet."));
        }

        return result;
    }

    private async Task<StageFailure?> ResolveDependencyAsync(RouteWork parent, LookupResolver resolver, MissingLookup missing, CancellationToken cancellationToken)
    {
        var dependency = resolver.Referenced(missing);
        var definition = parent.Route.Lookups.FirstOrDefault(l => l.Name == missing.Lookup);
        if (dependency is null || definition is null)
        {
            return StageFailure.Permanent("UNKNOWN_LOOKUP", $"Route '{parent.Route.Name}' has no lookup named '{missing.Lookup}'.");
        }

        var route = _mapper.Routes.FirstOrDefault(r =>
            string.Equals(r.SourceSystem, definition.SourceSystem, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.SourceEntity, definition.SourceEntity, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.TargetSystem, definition.TargetSystem, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.TargetEntity, definition.TargetEntity, StringComparison.OrdinalIgnoreCase));
        if (route is null)
        {
            // Nothing syncs that entity: the reference can only appear when someone syncs it another way. Wait for it.
            return StageFailure.Deferred($"Lookup '{missing.Lookup}': {dependency} is not synced and no route syncs {definition.SourceSystem}/{definition.SourceEntity} to {definition.TargetSystem}/{definition.TargetEntity}.");
        }

        if (parent.Owner.Depth >= MaxDependencyDepth)
        {
            return StageFailure.Deferred($"Lookup '{missing.Lookup}': {dependency} is not synced yet.");
        }

        var envelope = new ChangeEnvelope
        {
            Id = Guid.NewGuid().ToString("N"),
            System = dependency.Value.System,
            Entity = dependency.Value.Entity,
            RecordId = dependency.Value.Id,
            CorrelationId = parent.Owner.Envelope.CorrelationId,
            FirstSeen = _time.GetUtcNow(),
            Origin = "dependency",
            Route = route.Name,
        };
        var work = new EnvelopeWork(envelope, 1) { Depth = parent.Owner.Depth + 1 };
        await PrepareAsync(work, cancellationToken).ConfigureAwait(false);
        await DeliverAsync(work.Routes.Where(r => r.AwaitsDelivery).ToList(), cancellationToken).ConfigureAwait(false);
        parent.Owner.DependencyOutcomes.AddRange(await SettleAsync(work, cancellationToken).ConfigureAwait(false));
        PipelineLog.DependencySynced(_logger, dependency.Value.ToString(), parent.Owner.Envelope.RecordId, parent.Owner.Envelope.CorrelationId);
        return DependencyFailure(work, dependency.Value);
    }

    private static StageFailure? DependencyFailure(EnvelopeWork work, RecordRef dependency)
    {
        var route = work.Routes.FirstOrDefault();
        var failure = work.Failure ?? route?.Failure;
        if (failure is not null)
        {
            return failure.Retryable
                ? StageFailure.Deferred($"Referenced record {dependency} failed to sync and will be retried: {failure.Message}")
                : StageFailure.Permanent("DEPENDENCY_FAILED", $"Referenced record {dependency} could not be synced (it is dead-lettered): {failure.Message}");
        }

        if (work.Outcome == SyncOutcomeKind.Echo || route?.Outcome is SyncOutcomeKind.Delivered or SyncOutcomeKind.Skipped or SyncOutcomeKind.Echo)
        {
            return null;
        }

        if (route?.Outcome == SyncOutcomeKind.Filtered)
        {
            return StageFailure.Permanent("DEPENDENCY_FILTERED", $"Referenced record {dependency} is excluded by the filter of mapping '{route.Route.Name}'.");
        }

        return work.Outcome == SyncOutcomeKind.Skipped
            ? StageFailure.Permanent("DEPENDENCY_NOT_FOUND", $"Referenced record {dependency} does not exist in {dependency.System}.")
            : StageFailure.Deferred($"Referenced record {dependency} is not synced yet.");
    }
}
