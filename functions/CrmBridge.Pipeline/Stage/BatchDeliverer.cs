using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Delivers by upsert, grouped per target system and entity: one batch call per group when
/// <see cref="PipelineOptions.BatchDeliveries"/> is on and the group has more than one item, otherwise single upserts
/// in parallel (up to <see cref="PipelineOptions.Concurrency"/>). Each success is recorded by the
/// <see cref="DeliveryRecorder"/>; each failure comes back as a value.
/// </summary>
internal sealed class BatchDeliverer : IDeliverer
{
    private readonly ConnectorRegistry _connectors;
    private readonly DeliveryRecorder _recorder;
    private readonly PipelineOptions _options;

    public BatchDeliverer(ConnectorRegistry connectors, DeliveryRecorder recorder, PipelineOptions options)
    {
        _connectors = connectors;
        _recorder = recorder;
        _options = options;
    }

    public async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(IReadOnlyList<PendingDelivery> deliveries, CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>(deliveries.Count);
        var groups = deliveries.GroupBy(d => (System: d.Route.TargetSystem.ToUpperInvariant(), Entity: d.Route.TargetEntity.ToUpperInvariant()));
        foreach (var group in groups)
        {
            var items = group.ToList();
            var system = items[0].Route.TargetSystem;
            if (!_connectors.TryGet(system, out var connector))
            {
                var failure = StageFailure.Permanent(DeadLetterCodes.NoConnector, $"No connector is configured for target system '{system}'.");
                results.AddRange(items.Select(i => new DeliveryResult(i, failure)));
            }
            else if (_options.BatchDeliveries && items.Count > 1)
            {
                results.AddRange(await DeliverBatchAsync(connector, items, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                var single = new DeliveryResult[items.Count];
                await Parallel.ForAsync(
                    0,
                    items.Count,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                    async (i, ct) => single[i] = await DeliverOneAsync(connector, items[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
                results.AddRange(single);
            }
        }

        return results;
    }

    private async Task<DeliveryResult> DeliverOneAsync(IConnector connector, PendingDelivery item, CancellationToken cancellationToken)
    {
        try
        {
            var result = await connector.UpsertAsync(item.Request, cancellationToken).ConfigureAwait(false);
            await _recorder.RecordAsync(item, result, cancellationToken).ConfigureAwait(false);
            return new DeliveryResult(item) { TargetId = result.Id };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DeliveryResult(item, StageFailure.Of(ex));
        }
    }

    private async Task<IReadOnlyList<DeliveryResult>> DeliverBatchAsync(IConnector connector, List<PendingDelivery> items, CancellationToken cancellationToken)
    {
        IReadOnlyList<BatchItemResult> answers;
        try
        {
            answers = await connector.UpsertBatchAsync(items.Select(i => i.Request).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failure = StageFailure.Of(ex);
            return items.Select(i => new DeliveryResult(i, failure)).ToList();
        }

        var byIndex = answers.ToDictionary(r => r.Index);
        var results = new List<DeliveryResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            results.Add(await SettleItemAsync(connector.System, i, items[i], byIndex.GetValueOrDefault(i), cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<DeliveryResult> SettleItemAsync(string system, int index, PendingDelivery item, BatchItemResult? answer, CancellationToken cancellationToken)
    {
        if (answer is null)
        {
            return new DeliveryResult(item, new StageFailure(DeadLetterCodes.BatchResultMissing, $"The {system} batch returned no result for item {index}.", Retryable: true));
        }

        if (!answer.Succeeded)
        {
            return new DeliveryResult(item, answer.Error is null
                ? new StageFailure(DeadLetterCodes.BatchItemFailed, $"The {system} batch reported item {index} failed without an error.", Retryable: true)
                : StageFailure.From(answer.Error));
        }

        try
        {
            await _recorder.RecordAsync(item, answer.Result!, cancellationToken).ConfigureAwait(false);
            return new DeliveryResult(item) { TargetId = answer.Result!.Id };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DeliveryResult(item, StageFailure.Unexpected(ex));
        }
    }
}
