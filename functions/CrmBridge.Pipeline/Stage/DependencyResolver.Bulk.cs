using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>Resolving the waiting routes of a whole wave together: one bulk read per entity, one delivery round.</summary>
internal sealed partial class DependencyResolver
{
    /// <summary>
    /// Resolves the waiting routes of a wave together. Routes whose references the wave's own deliveries made known are
    /// mapped at once; the referenced records still missing are leased, read with one bulk call per source entity,
    /// prepared, delivered in one round (a batch per target entity) and settled; then every waiting route is mapped
    /// again. A referenced record the wave itself carries is not synced a second time: its dependants wait for it.
    /// The guarantees of <see cref="ResolveAsync"/> hold: referenced records first, <c>DEPENDENCY_*</c> codes, leases,
    /// retry chains, <see cref="MaxDependencyDepth"/>.
    /// </summary>
    /// <param name="wave">The prepared envelopes of a wave, after the wave's ready deliveries.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The envelopes with no waiting route left and the dependencies' outcomes added.</returns>
    public async Task<IReadOnlyList<PreparedEnvelope>> ResolveManyAsync(IReadOnlyList<PreparedEnvelope> wave, CancellationToken cancellationToken)
    {
        var result = wave.ToArray();
        var owners = Enumerable.Range(0, result.Length).Where(i => Waits(result[i])).ToList();
        foreach (var i in owners)
        {
            result[i] = await RetryWaitingAsync(result[i], cancellationToken).ConfigureAwait(false);
        }

        owners = owners.Where(i => Waits(result[i])).ToList();
        if (owners.Count == 0)
        {
            return result;
        }

        var carried = wave.GroupBy(p => p.Envelope.Source).ToDictionary(g => g.Key, g => g.Last());
        var failures = new Dictionary<(int Owner, string Route), StageFailure>();
        var needs = new Dictionary<(int Owner, string Route), List<RecordRef>>();
        var plans = new Dictionary<RecordRef, (DependencyPlan Plan, int Owner)>();
        foreach (var i in owners)
        {
            foreach (var route in result[i].Routes.Where(r => r.Awaiting is not null))
            {
                var key = (i, route.Route.Name);
                needs[key] = [];
                foreach (var missing in route.Awaiting!.Missing.DistinctBy(m => (m.Lookup, m.SourceId)))
                {
                    var (plan, failure) = Plan(result[i], route.Route, missing);
                    if (plan is not null && carried.TryGetValue(plan.Record, out var sibling))
                    {
                        failure = FailureOf(sibling with { Routes = sibling.Routes.Where(r => r.Route.Name == plan.Route.Name).ToList() }, plan.Record)
                            ?? StageFailure.Deferred($"Lookup '{missing.Lookup}': {plan.Record} is not synced yet.");
                    }

                    if (failure is not null)
                    {
                        failures[key] = failure;
                        break;
                    }

                    needs[key].Add(plan!.Record);
                    plans.TryAdd(plan.Record, (plan, i));
                }
            }
        }

        Dictionary<RecordRef, StageFailure?> synced;
        try
        {
            synced = await SyncManyAsync(plans.Values.ToList(), result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var i in owners)
            {
                result[i] = result[i] with { Failure = StageFailure.Of(ex) };
            }

            return result;
        }

        foreach (var i in owners)
        {
            result[i] = await RemapAsync(result[i], i, failures, needs, synced, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static bool Waits(PreparedEnvelope prepared) => prepared.Failure is null && prepared.Routes.Any(r => r.Awaiting is not null);

    private async Task<PreparedEnvelope> RetryWaitingAsync(PreparedEnvelope owner, CancellationToken cancellationToken)
    {
        try
        {
            var routes = new List<RouteResult>(owner.Routes.Count);
            foreach (var route in owner.Routes)
            {
                routes.Add(route.Awaiting is null ? route : await _preparer.RetryWaitingAsync(owner.Envelope, route, cancellationToken).ConfigureAwait(false));
            }

            return owner with { Routes = routes };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return owner with { Failure = StageFailure.Of(ex) };
        }
    }

    private async Task<PreparedEnvelope> RemapAsync(
        PreparedEnvelope owner,
        int index,
        Dictionary<(int Owner, string Route), StageFailure> failures,
        Dictionary<(int Owner, string Route), List<RecordRef>> needs,
        Dictionary<RecordRef, StageFailure?> synced,
        CancellationToken cancellationToken)
    {
        try
        {
            var routes = new List<RouteResult>(owner.Routes.Count);
            foreach (var route in owner.Routes)
            {
                if (route.Awaiting is null)
                {
                    routes.Add(route);
                    continue;
                }

                var key = (index, route.Route.Name);
                var failure = failures.GetValueOrDefault(key) ?? needs[key].Select(r => synced.GetValueOrDefault(r)).FirstOrDefault(f => f is not null);
                routes.Add(failure is not null
                    ? RouteResult.Failed(route.Route, failure)
                    : await _preparer.RemapAsync(owner.Envelope, route, cancellationToken).ConfigureAwait(false));
            }

            return owner with { Routes = routes };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return owner with { Failure = StageFailure.Of(ex) };
        }
    }

    /// <summary>Leases, reads in bulk, prepares, delivers in one round and settles the referenced records.</summary>
    /// <returns>Per record, what it means for its dependants (<see langword="null"/>: it is in the target).</returns>
    private async Task<Dictionary<RecordRef, StageFailure?>> SyncManyAsync(List<(DependencyPlan Plan, int Owner)> plans, PreparedEnvelope[] owners, CancellationToken cancellationToken)
    {
        var synced = new Dictionary<RecordRef, StageFailure?>();
        if (plans.Count == 0)
        {
            return synced;
        }

        var leased = await _leaser.AcquireAsync(plans.Select(p => p.Plan.Record).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var (plan, _) in plans.Where(p => !leased.Contains(p.Plan.Record)))
        {
            synced[plan.Record] = StageFailure.Wait(DeadLetterCodes.RecordBusy, $"Another host is syncing {plan.Record}.", _time.GetUtcNow() + DependencyMargin);
        }

        var work = plans.Where(p => leased.Contains(p.Plan.Record)).ToList();
        try
        {
            var prepared = await PrepareManyAsync(work, owners, cancellationToken).ConfigureAwait(false);
            var delivered = await _deliverer.DeliverAsync(prepared.SelectMany(p => p.PendingDeliveries).ToList(), cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < work.Count; k++)
            {
                var (plan, owner) = work[k];
                var settled = prepared[k].WithDeliveries(delivered);
                var outcomes = await _settler.SettleAsync(settled, cancellationToken).ConfigureAwait(false);
                owners[owner] = owners[owner] with { DependencyOutcomes = [.. owners[owner].DependencyOutcomes, .. outcomes] };
                synced[plan.Record] = FailureOf(settled, plan.Record);
                PipelineLog.DependencySynced(_logger, plan.Record.ToString(), owners[owner].Envelope.RecordId, owners[owner].Envelope.CorrelationId);
            }
        }
        finally
        {
            await _leaser.ReleaseAsync(leased.ToList()).ConfigureAwait(false);
        }

        return synced;
    }

    private async Task<PreparedEnvelope[]> PrepareManyAsync(List<(DependencyPlan Plan, int Owner)> work, PreparedEnvelope[] owners, CancellationToken cancellationToken)
    {
        var reads = new Dictionary<(string, string), (IReadOnlyDictionary<string, SourceRecord>? Found, StageFailure? Failure)>();
        foreach (var group in work.GroupBy(w => (w.Plan.Record.System, w.Plan.Record.Entity)))
        {
            try
            {
                var ids = group.Select(w => w.Plan.Record.Id).Distinct(StringComparer.Ordinal).ToList();
                reads[group.Key] = (await _preparer.ReadManyAsync(group.Key.System, group.Key.Entity, ids, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                reads[group.Key] = (null, StageFailure.Of(ex));
            }
        }

        var prepared = new PreparedEnvelope[work.Count];
        await Parallel.ForAsync(
            0,
            work.Count,
            new ParallelOptions { MaxDegreeOfParallelism = _preparer.Concurrency, CancellationToken = cancellationToken },
            async (k, ct) =>
            {
                var (plan, owner) = work[k];
                var envelope = DependencyEnvelope(owners[owner], plan);
                var depth = owners[owner].Depth + 1;
                var (found, failure) = reads[(plan.Record.System, plan.Record.Entity)];
                var dependency = failure is null
                    ? await _preparer.PrepareAsync(envelope, 1, depth, found, ct).ConfigureAwait(false)
                    : new PreparedEnvelope(envelope, depth) { Routes = [new RouteResult(plan.Route)], Failure = failure };
                prepared[k] = await ResolveAsync(dependency, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return prepared;
    }
}
