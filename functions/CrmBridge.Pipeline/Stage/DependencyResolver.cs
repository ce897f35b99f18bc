using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Syncs the records a waiting route references (customer before order) inline, then has the route mapped again.
/// A dependency goes through the same preparer, deliverer and settler as a queued envelope, one level deeper; past
/// <see cref="MaxDependencyDepth"/> the route is deferred instead. A dependency that fails transiently defers its
/// dependant; one that fails permanently (or is filtered or gone) fails it with a <c>DEPENDENCY_*</c> code.
/// </summary>
internal sealed partial class DependencyResolver
{
    /// <summary>The deepest dependency synced inline (an order's customer's parent account, not further).</summary>
    public const int MaxDependencyDepth = 2;

    private static readonly TimeSpan DependencyMargin = TimeSpan.FromSeconds(2);

    private readonly EnvelopePreparer _preparer;
    private readonly IDeliverer _deliverer;
    private readonly OutcomeSettler _settler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private readonly RetryChains _chains;

    private readonly RecordLeaser _leaser;

    public DependencyResolver(EnvelopePreparer preparer, IDeliverer deliverer, OutcomeSettler settler, TimeProvider time, ILogger logger, RetryChains? chains = null, RecordLeaser? leaser = null)
    {
        _leaser = leaser ?? RecordLeaser.None;
        _chains = chains ?? new RetryChains();
        _preparer = preparer;
        _deliverer = deliverer;
        _settler = settler;
        _time = time;
        _logger = logger;
    }

    /// <summary>Resolves every waiting route of a prepared envelope.</summary>
    /// <param name="prepared">The prepared envelope.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The envelope with no waiting route left and the dependencies' outcomes added.</returns>
    public async Task<PreparedEnvelope> ResolveAsync(PreparedEnvelope prepared, CancellationToken cancellationToken)
    {
        if (prepared.Failure is not null || !prepared.Routes.Any(r => r.Awaiting is not null))
        {
            return prepared;
        }

        var outcomes = new List<SyncOutcome>(prepared.DependencyOutcomes);
        try
        {
            var routes = new List<RouteResult>(prepared.Routes.Count);
            foreach (var route in prepared.Routes)
            {
                routes.Add(route.Awaiting is null ? route : await ResolveRouteAsync(prepared, route, outcomes, cancellationToken).ConfigureAwait(false));
            }

            return prepared with { Routes = routes, DependencyOutcomes = outcomes };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return prepared with { Failure = StageFailure.Of(ex), DependencyOutcomes = outcomes };
        }
    }

    private async Task<RouteResult> ResolveRouteAsync(PreparedEnvelope owner, RouteResult waiting, List<SyncOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var missing in waiting.Awaiting!.Missing.DistinctBy(m => (m.Lookup, m.SourceId)))
        {
            var failure = await SyncDependencyAsync(owner, waiting.Route, missing, outcomes, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return RouteResult.Failed(waiting.Route, failure);
            }
        }

        return await _preparer.RemapAsync(owner.Envelope, waiting, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the record a missing lookup references and the route syncing it, or why it cannot be synced inline.</summary>
    private (DependencyPlan? Plan, StageFailure? Failure) Plan(PreparedEnvelope owner, SyncRoute parent, MissingLookup missing)
    {
        var definition = parent.Lookups.FirstOrDefault(l => l.Name == missing.Lookup);
        if (definition is null)
        {
            return (null, StageFailure.Permanent(DeadLetterCodes.UnknownLookup, $"Route '{parent.Name}' has no lookup named '{missing.Lookup}'."));
        }

        var dependency = new RecordRef(definition.SourceSystem, definition.SourceEntity, missing.SourceId);
        var route = RouteTo(definition, definition.TargetEntity);
        if (route is null && AssignedIdentity.TryGetWrittenEntity(definition.TargetEntity, out var written))
        {
            // The ERP's number of a record an asynchronous target accepts later (staging/customer.erp_number): deliver the
            // record itself first; the lookup resolves once the target's acceptance is recorded, and the dependant defers until then.
            route = RouteTo(definition, written);
        }

        if (route is null)
        {
            // Nothing syncs that entity: the reference can only appear when someone syncs it another way. Wait for it.
            return (null, StageFailure.Deferred($"Lookup '{missing.Lookup}': {dependency} is not synced and no route syncs {definition.SourceSystem}/{definition.SourceEntity} to {definition.TargetSystem}/{definition.TargetEntity}."));
        }

        if (_chains.PendingUntil(dependency, _time.GetUtcNow()) is { } retryAt)
        {
            // The record already has a retry scheduled: wait for it (a little after it) instead of trying it again here.
            return (null, StageFailure.Wait(DeadLetterCodes.DependencyRetrying, $"Lookup '{missing.Lookup}': {dependency} failed transiently and is retried at {retryAt:u}.", retryAt + DependencyMargin));
        }

        if (owner.Depth >= MaxDependencyDepth)
        {
            return (null, StageFailure.Deferred($"Lookup '{missing.Lookup}': {dependency} is not synced yet."));
        }

        return (new DependencyPlan(dependency, route), null);
    }

    private SyncRoute? RouteTo(LookupDefinition definition, string targetEntity) => _preparer.Routes.FirstOrDefault(r =>
        string.Equals(r.SourceSystem, definition.SourceSystem, StringComparison.OrdinalIgnoreCase)
        && string.Equals(r.SourceEntity, definition.SourceEntity, StringComparison.OrdinalIgnoreCase)
        && string.Equals(r.TargetSystem, definition.TargetSystem, StringComparison.OrdinalIgnoreCase)
        && string.Equals(r.TargetEntity, targetEntity, StringComparison.OrdinalIgnoreCase));

    private ChangeEnvelope DependencyEnvelope(PreparedEnvelope owner, DependencyPlan plan) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = plan.Record.System,
        Entity = plan.Record.Entity,
        RecordId = plan.Record.Id,
        CorrelationId = owner.Envelope.CorrelationId,
        FirstSeen = _time.GetUtcNow(),
        Origin = EnvelopeOrigins.Dependency,
        Route = plan.Route.Name,
    };

    private async Task<StageFailure?> SyncDependencyAsync(PreparedEnvelope owner, SyncRoute parent, MissingLookup missing, List<SyncOutcome> outcomes, CancellationToken cancellationToken)
    {
        var (plan, planFailure) = Plan(owner, parent, missing);
        if (plan is null)
        {
            return planFailure;
        }

        var dependency = plan.Record;
        var envelope = DependencyEnvelope(owner, plan);
        if (!(await _leaser.AcquireAsync([dependency], cancellationToken).ConfigureAwait(false)).Contains(dependency))
        {
            return StageFailure.Wait(DeadLetterCodes.RecordBusy, $"Lookup '{missing.Lookup}': another host is syncing {dependency}.", _time.GetUtcNow() + DependencyMargin);
        }

        PreparedEnvelope prepared;
        try
        {
            prepared = await _preparer.PrepareAsync(envelope, 1, owner.Depth + 1, cancellationToken).ConfigureAwait(false);
            prepared = await ResolveAsync(prepared, cancellationToken).ConfigureAwait(false);
            var delivered = await _deliverer.DeliverAsync(prepared.PendingDeliveries, cancellationToken).ConfigureAwait(false);
            prepared = prepared.WithDeliveries(delivered);
            outcomes.AddRange(await _settler.SettleAsync(prepared, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            await _leaser.ReleaseAsync([dependency]).ConfigureAwait(false);
        }

        PipelineLog.DependencySynced(_logger, dependency.ToString(), owner.Envelope.RecordId, owner.Envelope.CorrelationId);
        return FailureOf(prepared, dependency);
    }

    /// <summary>What a synced dependency means for its dependant: nothing (it is in the target), wait, or fail.</summary>
    /// <param name="dependency">The dependency, after settlement.</param>
    /// <param name="record">The referenced record.</param>
    /// <returns>The dependant's failure, or <see langword="null"/> to map it again.</returns>
    internal static StageFailure? FailureOf(PreparedEnvelope dependency, RecordRef record)
    {
        var route = dependency.Routes.FirstOrDefault();
        var failure = dependency.Failure ?? route?.Failure;
        if (failure?.WaitUntil is { } until)
        {
            return StageFailure.Wait(failure.Code, $"Referenced record {record} waits: {failure.Message}", until);
        }

        if (failure is not null)
        {
            return failure.Retryable
                ? StageFailure.Deferred($"Referenced record {record} failed to sync and will be retried: {failure.Message}")
                : StageFailure.Permanent(DeadLetterCodes.DependencyFailed, $"Referenced record {record} could not be synced (it is dead-lettered): {failure.Message}");
        }

        if (dependency.Outcome == SyncOutcomeKind.Echo || route?.Outcome is SyncOutcomeKind.Delivered or SyncOutcomeKind.Skipped or SyncOutcomeKind.Echo)
        {
            return null;
        }

        if (route?.Outcome == SyncOutcomeKind.Filtered)
        {
            return StageFailure.Permanent(DeadLetterCodes.DependencyFiltered, $"Referenced record {record} is excluded by the filter of mapping '{route.Route.Name}'.");
        }

        return dependency.Outcome == SyncOutcomeKind.Skipped
            ? StageFailure.Permanent(DeadLetterCodes.DependencyNotFound, $"Referenced record {record} does not exist in {record.System}.")
            : StageFailure.Deferred($"Referenced record {record} is not synced yet.");
    }
}
