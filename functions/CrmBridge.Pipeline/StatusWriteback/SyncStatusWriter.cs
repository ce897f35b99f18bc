using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.StatusWriteback;

/// <summary>
/// Writes queued sync outcomes (<see cref="EnvelopeOrigins.SyncStatus"/> envelopes) to the source records: the latest
/// outcome per record and route wins, an outcome the record already shows is not written again, and the rest go to each
/// CRM in batches (Dataverse <c>$batch</c>, Zoho 100 per call, Fxiaoke one call per record as its API has no batch write).
/// Fails softly: a transient failure is re-queued with backoff, anything else is logged and counted, never dead-lettered.
/// </summary>
internal sealed class SyncStatusWriter
{
    private readonly IReadOnlyDictionary<string, SyncRoute> _routes;
    private readonly ConnectorRegistry _connectors;
    private readonly ISyncStateStore _state;
    private readonly IWorkQueue _queue;
    private readonly RetryPolicy _retry;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SyncStatusWriter(IReadOnlyList<SyncRoute> routes, ConnectorRegistry connectors, ISyncStateStore state, IWorkQueue queue, RetryPolicy retry, PipelineOptions options, TimeProvider time, ILogger logger)
    {
        _routes = routes.Where(r => r.SyncStatus is not null).GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _connectors = connectors;
        _state = state;
        _queue = queue;
        _retry = retry;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Writes a batch of status envelopes.</summary>
    /// <param name="envelopes">The envelopes (each with <see cref="ChangeEnvelope.Status"/>).</param>
    /// <param name="cancellationToken">Cancels the work; the messages are then redelivered.</param>
    /// <returns>One outcome per envelope, on the route <c>status:{route}</c>.</returns>
    public async Task<IReadOnlyList<SyncOutcome>> WriteAsync(IReadOnlyList<ChangeEnvelope> envelopes, CancellationToken cancellationToken)
    {
        var outcomes = new List<SyncOutcome>();
        var writes = new List<StatusWrite>();
        var latest = envelopes
            .GroupBy(e => (e.System.ToUpperInvariant(), e.Entity.ToUpperInvariant(), e.RecordId, e.Route))
            .Select(g => g.Aggregate((a, b) => b.Status!.At >= a.Status!.At ? b : a))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var envelope in envelopes)
        {
            var write = latest.Contains(envelope) ? await PrepareAsync(envelope, cancellationToken).ConfigureAwait(false) : null;
            if (write is null)
            {
                outcomes.Add(Outcome(envelope, SyncOutcomeKind.Skipped));
            }
            else
            {
                writes.Add(write);
            }
        }

        foreach (var group in writes.GroupBy(w => (w.Route.SourceSystem.ToUpperInvariant(), w.Route.SourceEntity.ToUpperInvariant())))
        {
            var items = group.ToList();
            var answers = await SendAsync(items, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < items.Count; i++)
            {
                outcomes.Add(await SettleAsync(items[i], answers[i], cancellationToken).ConfigureAwait(false));
            }

            StatusWritebackLog.Wrote(_logger, items[0].Route.SourceSystem, items[0].Route.SourceEntity, answers.Count(a => a.Succeeded), answers.Count(a => !a.Succeeded));
        }

        return outcomes;
    }

    private async Task<StatusWrite?> PrepareAsync(ChangeEnvelope envelope, CancellationToken cancellationToken)
    {
        var update = envelope.Status!;
        if (envelope.Route is null || !_routes.TryGetValue(envelope.Route, out var route))
        {
            StatusWritebackLog.NoStatusFields(_logger, envelope.Route ?? "(none)", envelope.CorrelationId);
            return null;
        }

        var memory = StatusMemory.From(await _state.GetEchoAsync(StatusMemory.RefOf(route, envelope.RecordId), cancellationToken).ConfigureAwait(false));
        var (document, hash) = StatusDocument.Build(route.SyncStatus!, update);
        var shown = update.Kind != SyncStatusKind.Synced && memory?.Kind == update.Kind && memory.DocumentHash == hash;
        if (document.Count == 0 || shown || (memory is not null && memory.At > update.At))
        {
            StatusWritebackLog.Unchanged(_logger, route.Name, StatusDocument.Text(update.Kind), envelope.RecordId, envelope.CorrelationId);
            return null;
        }

        var request = new UpsertRequest(route.SourceEntity, route.SourceKeyField, envelope.RecordId, document);
        return new StatusWrite(envelope, route, request, new StatusMemory(update.Kind, hash, update.ContentHash, null, update.At));
    }

    private async Task<IReadOnlyList<BatchItemResult>> SendAsync(List<StatusWrite> items, CancellationToken cancellationToken)
    {
        var system = items[0].Route.SourceSystem;
        try
        {
            if (!_connectors.TryGet(system, out var connector))
            {
                throw new ConnectorException(system, ErrorKind.Permanent, DeadLetterCodes.NoConnector, $"No connector is configured for '{system}'.");
            }

            if (items.Count > 1 && _options.BatchDeliveries)
            {
                return await connector.UpsertBatchAsync(items.Select(i => i.Request).ToList(), cancellationToken).ConfigureAwait(false);
            }

            var results = new List<BatchItemResult>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                try
                {
                    results.Add(new BatchItemResult(i, await connector.UpsertAsync(items[i].Request, cancellationToken).ConfigureAwait(false), null));
                }
                catch (ConnectorException ex)
                {
                    results.Add(new BatchItemResult(i, null, ex));
                }
            }

            return results;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = ex as ConnectorException ?? new ConnectorException(system, ErrorKind.Transient, DeadLetterCodes.UnexpectedPrefix + ex.GetType().Name.ToUpperInvariant(), ex.Message, innerException: ex);
            return items.Select((_, i) => new BatchItemResult(i, null, error)).ToList();
        }
    }

    private async Task<SyncOutcome> SettleAsync(StatusWrite write, BatchItemResult answer, CancellationToken cancellationToken)
    {
        var envelope = write.Envelope;
        if (answer.Succeeded)
        {
            var key = StatusMemory.RefOf(write.Route, envelope.RecordId);
            await _state.PutEchoAsync((write.Memory with { Version = answer.Result!.Version }).ToEcho(key), cancellationToken).ConfigureAwait(false);
            return Outcome(envelope, SyncOutcomeKind.Delivered);
        }

        var error = answer.Error ?? new ConnectorException(write.Route.SourceSystem, ErrorKind.Transient, DeadLetterCodes.BatchItemFailed, "The batch reported the item failed without an error.");
        var now = _time.GetUtcNow();
        var attempt = error.Kind == ErrorKind.QuotaExhausted ? envelope.Attempt : envelope.Attempt + 1;
        if (error.IsRetryable && !_retry.GivesUp(attempt, envelope.FirstSeen, now))
        {
            var delay = _retry.NextDelay(attempt, error);
            await _queue.EnqueueAsync(envelope with { Attempt = attempt }, delay, cancellationToken).ConfigureAwait(false);
            StatusWritebackLog.Retrying(_logger, write.Route.Name, envelope.RecordId, error.ErrorCode, attempt, delay, envelope.CorrelationId);
            return Outcome(envelope, SyncOutcomeKind.Retried);
        }

        StatusWritebackLog.GivenUp(_logger, write.Route.Name, envelope.System, envelope.Entity, envelope.RecordId, error.ErrorCode, envelope.CorrelationId);
        return Outcome(envelope, SyncOutcomeKind.Failed);
    }

    private SyncOutcome Outcome(ChangeEnvelope envelope, SyncOutcomeKind kind) =>
        SyncOutcome.For(envelope, "status:" + envelope.Route, kind, _time.GetUtcNow());
}
