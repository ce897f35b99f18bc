using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Turns an envelope into route results: plans its routes, drops echoes of the bridge's own writes, applies deletes,
/// reads the source record (snapshot or fetch) and maps it per route. Routes whose lookups are not synced yet come back
/// <see cref="RouteResult.Waiting"/> for the <see cref="DependencyResolver"/>, which calls <see cref="RemapAsync"/> after.
/// Failures are returned as values, never thrown (except cancellation).
/// </summary>
internal sealed partial class EnvelopePreparer
{
    private readonly ConnectorRegistry _connectors;
    private readonly IRecordMapper _mapper;
    private readonly ISyncStateStore _state;
    private readonly CrossReferenceCache _xrefCache;
    private readonly PipelineOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ILookup<(string System, string Entity), SyncRoute> _routesBySource;

    public EnvelopePreparer(ConnectorRegistry connectors, IRecordMapper mapper, ISyncStateStore state, CrossReferenceCache xrefCache, PipelineOptions options, ILogger logger, TimeProvider? time = null)
    {
        _connectors = connectors;
        _mapper = mapper;
        _state = state;
        _xrefCache = xrefCache;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _routesBySource = mapper.Routes.ToLookup(r => (r.SourceSystem.ToUpperInvariant(), r.SourceEntity.ToUpperInvariant()));
    }

    /// <summary>Gets how many envelopes are prepared at once.</summary>
    public int Concurrency => _options.Concurrency;

    /// <summary>Gets every loaded route.</summary>
    public IReadOnlyList<SyncRoute> Routes => _mapper.Routes;

    /// <summary>Prepares an envelope.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="dequeueCount">How often its message was received.</param>
    /// <param name="depth">0 for queued envelopes, 1+ for dependencies synced inline.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The prepared envelope.</returns>
    public Task<PreparedEnvelope> PrepareAsync(ChangeEnvelope envelope, int dequeueCount, int depth, CancellationToken cancellationToken) =>
        PrepareAsync(envelope, dequeueCount, depth, null, cancellationToken);

    /// <summary>Prepares an envelope whose source record was already read in bulk (no single read).</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="dequeueCount">How often its message was received.</param>
    /// <param name="depth">0 for queued envelopes, 1+ for dependencies synced inline.</param>
    /// <param name="read">The records read in bulk, by id (an id with no entry is gone), or <see langword="null"/> to read it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The prepared envelope.</returns>
    public async Task<PreparedEnvelope> PrepareAsync(ChangeEnvelope envelope, int dequeueCount, int depth, IReadOnlyDictionary<string, SourceRecord>? read, CancellationToken cancellationToken)
    {
        var prepared = new PreparedEnvelope(envelope, depth);
        try
        {
            if (dequeueCount > _options.MaxDequeueCount)
            {
                return prepared with { Failure = StageFailure.Permanent(DeadLetterCodes.Poison, $"The message was received {dequeueCount} times without completing (the host stopped or crashed while handling it).") };
            }

            var routes = RoutesFor(envelope);
            if (routes.Count == 0)
            {
                if (envelope.Route is not null)
                {
                    return prepared with { Failure = StageFailure.Permanent(DeadLetterCodes.RouteNotFound, $"Route '{envelope.Route}' is not in the loaded mappings any more.") };
                }

                PipelineLog.NoRoute(_logger, envelope.System, envelope.Entity, envelope.RecordId, envelope.CorrelationId);
                return prepared with { Outcome = SyncOutcomeKind.Skipped };
            }

            prepared = prepared with { Routes = routes.Select(r => new RouteResult(r)).ToList() };
            if (await IsEchoAsync(envelope.Source, envelope.SourceVersion, cancellationToken).ConfigureAwait(false))
            {
                return prepared with { Outcome = SyncOutcomeKind.Echo };
            }

            var results = new List<RouteResult>(routes.Count);
            if (envelope.Operation == ChangeOperation.Delete)
            {
                // A delete is never trusted as sent (a webhook may be forged or stale): the target record is deleted only
                // once the source confirms the record is gone (its read answers not-found).
                if (routes.Any(r => r.OnDelete == DeleteBehavior.Delete)
                    && await _connectors.Get(envelope.System).GetAsync(envelope.Entity, envelope.RecordId, cancellationToken).ConfigureAwait(false) is not null)
                {
                    PipelineLog.DeleteNotConfirmed(_logger, envelope.System, envelope.Entity, envelope.RecordId, envelope.CorrelationId);
                    return prepared with { Outcome = SyncOutcomeKind.Skipped };
                }

                foreach (var route in routes)
                {
                    results.Add(await PrepareDeleteAsync(envelope, route, cancellationToken).ConfigureAwait(false));
                }

                return prepared with { Routes = results };
            }

            var (record, outcome) = await ReadSourceAsync(envelope, read, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return prepared with { Outcome = outcome };
            }

            foreach (var route in routes)
            {
                results.Add(await PrepareRouteAsync(envelope, route, record, envelope.Snapshot is not null, cancellationToken).ConfigureAwait(false));
            }

            return prepared with { Routes = results };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return prepared with { Failure = StageFailure.Of(ex) };
        }
    }

    private bool HasExactVersions(string system) => _connectors.TryGet(system, out var connector) && connector is IExactVersions;

    private IReadOnlyList<SyncRoute> RoutesFor(ChangeEnvelope envelope) =>
        _routesBySource[(envelope.System.ToUpperInvariant(), envelope.Entity.ToUpperInvariant())]
            .Where(r => envelope.Route is null || string.Equals(r.Name, envelope.Route, StringComparison.Ordinal))
            .ToList();

    private async Task<bool> IsEchoAsync(RecordRef record, string? version, CancellationToken cancellationToken)
    {
        // Only an exact version proves the change is the bridge's own write: with modification times (Zoho: seconds) a
        // user's edit in the same second shares the version, so the routes' ledger content hash decides instead.
        if (version is null || !HasExactVersions(record.System))
        {
            return false;
        }

        var echo = await _state.GetEchoAsync(record, cancellationToken).ConfigureAwait(false);
        return echo?.Version is not null && VersionComparer.Instance.Compare(echo.Version, version) == 0;
    }

    /// <summary>Reads several records of one entity of a source system in bulk (one query per chunk, where the API allows).</summary>
    /// <param name="system">The source system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="ids">The ids.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The records found, by id.</returns>
    public Task<IReadOnlyDictionary<string, SourceRecord>> ReadManyAsync(string system, string entity, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        _connectors.Get(system).GetManyAsync(entity, ids, cancellationToken);

    private async Task<(SourceRecord? Record, SyncOutcomeKind? Outcome)> ReadSourceAsync(ChangeEnvelope envelope, IReadOnlyDictionary<string, SourceRecord>? read, CancellationToken cancellationToken)
    {
        if (envelope.Snapshot is not null)
        {
            return (new SourceRecord(envelope.RecordId, envelope.Snapshot, envelope.SourceVersion), null);
        }

        var record = read is not null
            ? read.GetValueOrDefault(envelope.RecordId)
            : await _connectors.Get(envelope.System).GetAsync(envelope.Entity, envelope.RecordId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            // Deleted since the change was detected: its delete event (if the system reports deletes) does the rest.
            PipelineLog.SourceGone(_logger, envelope.System, envelope.Entity, envelope.RecordId, envelope.CorrelationId);
            return (null, SyncOutcomeKind.Skipped);
        }

        // The envelope's own version was checked before fetching; read the echo again only when the fetch saw a newer one.
        if (record.Version is not null && record.Version != envelope.SourceVersion
            && await IsEchoAsync(envelope.Source, record.Version, cancellationToken).ConfigureAwait(false))
        {
            return (null, SyncOutcomeKind.Echo);
        }

        return (record, null);
    }

    private async Task<RouteResult> PrepareDeleteAsync(ChangeEnvelope envelope, SyncRoute route, CancellationToken cancellationToken)
    {
        if (route.OnDelete == DeleteBehavior.Ignore)
        {
            PipelineLog.DeleteIgnored(_logger, route.Name, envelope.RecordId, envelope.CorrelationId);
            return RouteResult.Done(route, SyncOutcomeKind.Deleted);
        }

        var targetId = await _state.FindCrossReferenceAsync(envelope.Source, route.TargetSystem, route.TargetEntity, cancellationToken).ConfigureAwait(false);
        if (targetId is not null)
        {
            await _connectors.Get(route.TargetSystem).DeleteAsync(route.TargetEntity, targetId, cancellationToken).ConfigureAwait(false);

            // Lookups of other records (an order's customer) must not resolve to the deleted target any more.
            await _state.DeleteCrossReferenceAsync(envelope.Source, route.TargetSystem, route.TargetEntity, cancellationToken).ConfigureAwait(false);
            _xrefCache.Remove(envelope.Source, new RecordRef(route.TargetSystem, route.TargetEntity, targetId));
        }

        // A tombstone, not nothing: a snapshot queued before the delete must not bring the target record back.
        await _state.PutLedgerAsync(LedgerEntry.Tombstone(route.Name, envelope.RecordId, targetId, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return RouteResult.Done(route, SyncOutcomeKind.Deleted);
    }
}
