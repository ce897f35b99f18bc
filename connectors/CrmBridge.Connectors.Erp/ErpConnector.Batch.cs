using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Erp;

/// <summary>
/// Batch upsert: chunks of <see cref="ErpConnectorOptions.BatchSize"/> through the batch endpoint, one result per item;
/// an ERP without a batch endpoint gets one upsert call per record with the same per-item results.
/// </summary>
internal sealed partial class ErpConnector
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var entity = requests[0].Entity;
        if (requests.Any(r => !string.Equals(r.Entity, entity, StringComparison.Ordinal)))
        {
            throw new ArgumentException("All requests of a batch must target the same entity.", nameof(requests));
        }

        var route = Route(entity);
        var results = new BatchItemResult?[requests.Count];
        var calls = 0;
        var pending = new List<int>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                CheckKey(route, requests[i]);
                pending.Add(i);
            }
            catch (ConnectorException ex)
            {
                results[i] = new BatchItemResult(i, null, ex);
            }
        }

        foreach (var chunk in pending.Chunk(route.HasBatch ? _options.BatchSize : 1))
        {
            calls++;
            if (route.HasBatch)
            {
                await SendChunkAsync(route, requests, chunk, results, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                results[chunk[0]] = await UpsertOneAsync(requests[chunk[0]], chunk[0], cancellationToken).ConfigureAwait(false);
            }
        }

        var final = results.Select((r, i) => r ?? new BatchItemResult(i, null, MissingResult(entity))).ToList();
        ErpConnectorLog.BatchUpserted(_logger, System, entity, final.Count(r => r.Succeeded), final.Count(r => !r.Succeeded), calls);
        return final;
    }

    private async Task<BatchItemResult> UpsertOneAsync(UpsertRequest request, int index, CancellationToken cancellationToken)
    {
        try
        {
            return new BatchItemResult(index, await UpsertAsync(request, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ConnectorException ex) when (!ex.IsRetryable)
        {
            // Data problems belong to the item; throttling and outages fail the whole call so it is retried.
            return new BatchItemResult(index, null, ex);
        }
    }

    private async Task SendChunkAsync(ErpEntityRoute route, IReadOnlyList<UpsertRequest> requests, int[] chunk, BatchItemResult?[] results, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        foreach (var index in chunk)
        {
            items.Add(new JsonObject { ["externalId"] = requests[index].KeyValue, ["data"] = requests[index].Data.DeepClone() });
        }

        var response = await SendAsync(HttpMethod.Post, route.BatchUri(), new JsonObject { ["items"] = items }, route.Entity, ifMatch: null, notFoundIsResult: false, cancellationToken).ConfigureAwait(false);
        if (response.Body is not JsonObject body || body["results"] is not JsonArray answers)
        {
            throw new ConnectorException(System, ErrorKind.Transient, "INVALID_RESPONSE", $"{System}: the {route.Entity} batch answer has no 'results' array.");
        }

        foreach (var answer in answers.OfType<JsonObject>())
        {
            if (ReadLong(answer["index"]) is not { } position || position < 0 || position >= chunk.Length)
            {
                continue; // an answer we cannot place is ignored; its item is reported as missing below
            }

            results[chunk[position]] = ToItemResult(route, chunk[position], answer);
        }
    }

    private BatchItemResult ToItemResult(ErpEntityRoute route, int index, JsonObject answer)
    {
        var status = (int)(ReadLong(answer["status"]) ?? 0);
        if (status is >= 200 and < 300)
        {
            try
            {
                return new BatchItemResult(index, ToResult(route, answer["record"], status == 201), null);
            }
            catch (ConnectorException ex)
            {
                return new BatchItemResult(index, null, ex);
            }
        }

        var (code, message, field) = answer["error"] is JsonObject error ? ReadErrorObject(error) : (null, null, null);
        var exception = ConnectorErrors.FromStatus(System, status == 0 ? 500 : status, code, Describe(route.Entity, status, code, message, field));
        return new BatchItemResult(index, null, exception);
    }

    private ConnectorException MissingResult(string entity) =>
        new(System, ErrorKind.Transient, "INVALID_RESPONSE", $"{System}: the {entity} batch answer had no result for this item.");
}
