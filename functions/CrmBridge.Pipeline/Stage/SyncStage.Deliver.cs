using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <content>Delivering mapped documents (batched per target entity) and recording what was delivered.</content>
public sealed partial class SyncStage
{
    private async Task DeliverAsync(List<RouteWork> pending, CancellationToken cancellationToken)
    {
        var groups = pending.GroupBy(
            r => (System: r.Route.TargetSystem.ToUpperInvariant(), Entity: r.Route.TargetEntity.ToUpperInvariant()));
        foreach (var group in groups)
        {
            var items = group.ToList();
            var route = items[0].Route;
            if (!_connectors.TryGet(route.TargetSystem, out var connector))
            {
                items.ForEach(i => i.Fail(StageFailure.Permanent("NO_CONNECTOR", $"No connector is configured for target system '{route.TargetSystem}'.")));
                continue;
            }

            if (_options.BatchDeliveries && items.Count > 1)
            {
                await DeliverBatchAsync(connector, items, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Parallel.ForEachAsync(
                    items,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                    async (item, ct) => await DeliverOneAsync(connector, item, ct).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverOneAsync(IConnector connector, RouteWork item, CancellationToken cancellationToken)
    {
        try
        {
            var result = await connector.UpsertAsync(Request(item), cancellationToken).ConfigureAwait(false);
            await FinalizeAsync(item, result, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            item.Fail(StageFailure.From(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            item.Fail(StageFailure.Unexpected(ex));
        }
    }

    private async Task DeliverBatchAsync(IConnector connector, List<RouteWork> items, CancellationToken cancellationToken)
    {
        IReadOnlyList<BatchItemResult> results;
        try
        {
            results = await connector.UpsertBatchAsync(items.Select(Request).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            items.ForEach(i => i.Fail(StageFailure.From(ex)));
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            items.ForEach(i => i.Fail(StageFailure.Unexpected(ex)));
            return;
        }

        var byIndex = results.ToDictionary(r => r.Index);
        for (var i = 0; i < items.Count; i++)
        {
            if (!byIndex.TryGetValue(i, out var result))
            {
                items[i].Fail(new StageFailure("BATCH_RESULT_MISSING", $"The {connector.System} batch returned no result for item {i}.", Retryable: true));
            }
            else if (result.Succeeded)
            {
                try
                {
                    await FinalizeAsync(items[i], result.Result!, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    items[i].Fail(StageFailure.Unexpected(ex));
                }
            }
            else
            {
                items[i].Fail(result.Error is null
                    ? new StageFailure("BATCH_ITEM_FAILED", $"The {connector.System} batch reported item {i} failed without an error.", Retryable: true)
                    : StageFailure.From(result.Error));
            }
        }
    }

    private static UpsertRequest Request(RouteWork item) =>
        new(item.Route.TargetEntity, item.Route.TargetKeyField, item.KeyValue!, item.Document!);

    private async Task FinalizeAsync(RouteWork item, UpsertResult result, CancellationToken cancellationToken)
    {
        var envelope = item.Owner.Envelope;
        var now = _time.GetUtcNow();
        var source = envelope.Source;
        var target = new RecordRef(item.Route.TargetSystem, item.Route.TargetEntity, result.Id);
        await _state.PutCrossReferenceAsync(new CrossReference(source, target), cancellationToken).ConfigureAwait(false);
        _xrefCache.Put(source, target);
        await _state.PutEchoAsync(new WriteEcho(target, result.Version, item.ContentHash!, now), cancellationToken).ConfigureAwait(false);
        await _state.PutLedgerAsync(new LedgerEntry(item.Route.Name, envelope.RecordId, item.SourceVersion, item.ContentHash!, result.Id, now), cancellationToken).ConfigureAwait(false);
        item.Complete(SyncOutcomeKind.Delivered);
        PipelineLog.Delivered(_logger, item.Route.Name, envelope.RecordId, result.Id, result.Created, envelope.CorrelationId);
    }
}
