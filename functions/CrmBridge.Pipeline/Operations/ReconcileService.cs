using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Proves a sync is whole after an incident: reads every source record of one system/entity through its connector, maps
/// each through the routes from that entity (lookups through the cross-reference store, as the stage resolves them), reads
/// the target record the cross-reference names and compares the mapped fields. Reports missing, stale, orphaned and
/// unmappable records; with <see cref="ReconcileRequest.Repair"/> it forgets the ledger entry of each missing or stale
/// record and enqueues the source's latest version for that route (origin <see cref="EnvelopeOrigins.Reconcile"/>), and
/// enqueues a delete for each orphan (the route's <c>onDelete</c> decides what happens to the target).
/// </summary>
public sealed partial class ReconcileService
{
    private const int MaxPages = 1_000_000;
    private readonly ConnectorRegistry _connectors;
    private readonly IRecordMapper _mapper;
    private readonly ISyncStateStore _state;
    private readonly IWorkQueue _queue;
    private readonly CrossReferenceCache _xrefCache;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ReconcileService"/> class.</summary>
    /// <param name="connectors">The connectors (source and targets).</param>
    /// <param name="mapper">The loaded mappings.</param>
    /// <param name="state">The state store (cross-references, ledger).</param>
    /// <param name="queue">The work queue repairs go to.</param>
    /// <param name="xrefCache">The cross-reference cache lookups resolve through.</param>
    /// <param name="time">The clock.</param>
    public ReconcileService(ConnectorRegistry connectors, IRecordMapper mapper, ISyncStateStore state, IWorkQueue queue, CrossReferenceCache xrefCache, TimeProvider time)
    {
        _connectors = connectors;
        _mapper = mapper;
        _state = state;
        _queue = queue;
        _xrefCache = xrefCache;
        _time = time;
    }

    /// <summary>Reconciles one source entity with every target its routes write.</summary>
    /// <param name="request">What to compare.</param>
    /// <param name="progress">Receives progress, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">No route from the source entity (or no such route), or no connector for the system.</exception>
    /// <exception cref="ConnectorException">A system could not be read.</exception>
    public async Task<ReconcileReport> ReconcileAsync(ReconcileRequest request, IProgress<ReconcileProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routes = RoutesFor(request);
        if (!_connectors.TryGet(request.System, out var source))
        {
            throw new ArgumentException($"System '{request.System}' has no configured connector (configured: {string.Join(", ", _connectors.Systems)}).", nameof(request));
        }

        var records = await ReadAllAsync(source, request.Entity, "read", progress, cancellationToken).ConfigureAwait(false);
        var reports = new List<ReconcileRouteReport>(routes.Count);
        foreach (var route in routes)
        {
            var tally = new RouteTally(route, request.MaxExamples);
            var done = 0;
            foreach (var record in records.Values)
            {
                await CompareAsync(route, record, tally, request.Repair, cancellationToken).ConfigureAwait(false);
                progress?.Report(new ReconcileProgress("compare " + route.Name, ++done, records.Count));
            }

            await FindOrphansAsync(route, records, tally, request.Repair, progress, cancellationToken).ConfigureAwait(false);
            reports.Add(tally.ToReport());
        }

        return new ReconcileReport(request.System, request.Entity, records.Count, reports, request.Repair);
    }

    private List<SyncRoute> RoutesFor(ReconcileRequest request)
    {
        var comparer = StringComparer.OrdinalIgnoreCase;
        var routes = _mapper.Routes
            .Where(r => comparer.Equals(r.SourceSystem, request.System) && comparer.Equals(r.SourceEntity, request.Entity))
            .Where(r => request.Route is null || string.Equals(r.Name, request.Route, StringComparison.Ordinal))
            .ToList();
        if (routes.Count == 0)
        {
            var from = _mapper.Routes.Select(r => $"{r.SourceSystem}/{r.SourceEntity}").Distinct(comparer).Order(comparer);
            throw new ArgumentException(request.Route is null
                ? $"No mapping reads {request.System}/{request.Entity} (mapped sources: {string.Join(", ", from)})."
                : $"Route '{request.Route}' does not read {request.System}/{request.Entity}.", nameof(request));
        }

        return routes;
    }

    private async Task<Dictionary<string, SourceRecord>> ReadAllAsync(IConnector connector, string entity, string phase, IProgress<ReconcileProgress>? progress, CancellationToken cancellationToken)
    {
        // A read from no checkpoint is the connector's full initial sync: every live record at its latest version, paged.
        var records = new Dictionary<string, SourceRecord>(StringComparer.Ordinal);
        string? checkpoint = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var changes = await connector.GetChangesAsync(entity, checkpoint, cancellationToken).ConfigureAwait(false);
            foreach (var change in changes.Changes)
            {
                if (change.Operation == ChangeOperation.Delete)
                {
                    records.Remove(change.Id);
                    continue;
                }

                var record = change.Snapshot is { } snapshot
                    ? new SourceRecord(change.Id, snapshot, change.Version)
                    : await connector.GetAsync(entity, change.Id, cancellationToken).ConfigureAwait(false);
                if (record is not null)
                {
                    records[change.Id] = record;
                }
            }

            progress?.Report(new ReconcileProgress(phase, records.Count, 0));
            if (!changes.HasMore || changes.NextCheckpoint is null || changes.NextCheckpoint == checkpoint)
            {
                break;
            }

            checkpoint = changes.NextCheckpoint;
        }

        return records;
    }
}
