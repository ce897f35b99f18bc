using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.StatusWriteback;

/// <summary>
/// Queues sync outcomes for the source record's status fields (routes with <c>syncStatus:</c>): one small envelope of
/// origin <see cref="EnvelopeOrigins.SyncStatus"/> per outcome, written later in batches by the stage, so a status write
/// is queued and retried like any write and never blocks the route. Publishing fails softly: a queue error is logged and
/// the record's own sync goes on.
/// </summary>
public sealed class SyncStatusPublisher
{
    private readonly IReadOnlyDictionary<string, SyncRoute> _routes;
    private readonly IWorkQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="SyncStatusPublisher"/> class.</summary>
    /// <param name="mapper">The mapping engine (routes and their status fields).</param>
    /// <param name="queue">The work queue.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public SyncStatusPublisher(IRecordMapper mapper, IWorkQueue queue, TimeProvider time, ILogger<SyncStatusPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        _routes = mapper.Routes.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets whether a route has status fields.</summary>
    /// <param name="route">The route name, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when outcomes of the route are written back.</returns>
    public bool Covers(string? route) => route is not null && _routes.TryGetValue(route, out var r) && r.SyncStatus is not null;

    /// <summary>
    /// Queues an outcome of a route for the record an envelope is about: for the route named, or — when none is (the
    /// envelope failed before routing) — for every route from the record's entity. Routes without status fields are skipped.
    /// </summary>
    /// <param name="source">The envelope of the source record.</param>
    /// <param name="route">The route name, or <see langword="null"/> for every route from the envelope's entity.</param>
    /// <param name="update">The outcome (its time is now when <see cref="SyncStatusUpdate.At"/> is default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when queued (or when queueing failed, logged).</returns>
    public async Task PublishAsync(ChangeEnvelope source, string? route, SyncStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(update);
        IEnumerable<SyncRoute> routes = route is not null
            ? _routes.TryGetValue(route, out var named) ? [named] : []
            : _routes.Values.Where(r => Same(r.SourceSystem, source.System) && Same(r.SourceEntity, source.Entity));
        foreach (var r in routes.Where(r => r.SyncStatus is not null))
        {
            await PublishAsync(source, r, update, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(ChangeEnvelope source, SyncRoute r, SyncStatusUpdate update, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var envelope = new ChangeEnvelope
        {
            Id = Guid.NewGuid().ToString("N"),
            System = r.SourceSystem,
            Entity = r.SourceEntity,
            RecordId = source.RecordId,
            CorrelationId = source.CorrelationId,
            FirstSeen = now,
            Route = r.Name,
            Origin = EnvelopeOrigins.SyncStatus,
            Status = update.At == default ? update with { At = now } : update,
        };
        try
        {
            await _queue.EnqueueAsync(envelope, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            StatusWritebackLog.Queued(_logger, r.Name, StatusDocument.Text(update.Kind), r.SourceSystem, r.SourceEntity, source.RecordId, source.CorrelationId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            StatusWritebackLog.NotQueued(_logger, ex, r.Name, StatusDocument.Text(update.Kind), source.RecordId, source.CorrelationId);
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
