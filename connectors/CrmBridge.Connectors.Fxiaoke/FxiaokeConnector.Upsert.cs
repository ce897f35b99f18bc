using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Writes. The OpenAPI has no upsert: by an alternate key it is "query by the key field, then create or update". Two bridge
/// workers upserting the same new key at once could both see "absent" and both create; the pipeline prevents that race in
/// practice because one record's envelopes are processed by one worker at a time and the idempotency ledger records the
/// created id (later deliveries update it by <c>_id</c>). Keyed by <c>_id</c> it is an update only: an unknown id fails
/// NotFound and never creates a blank record. Writes set <c>triggerApprovalFlow</c>/<c>triggerWorkFlow</c> false, and
/// detail objects (order lines) travel with their master in <c>details</c>.
/// </summary>
internal sealed partial class FxiaokeConnector
{
    private const string IdField = "_id";

    /// <inheritdoc />
    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        if (request.KeyField == IdField)
        {
            return await WriteAsync(request, request.KeyValue, cancellationToken).ConfigureAwait(false);
        }

        var found = await FindByKeyAsync(request.Entity, request.KeyField, [request.KeyValue], cancellationToken).ConfigureAwait(false);
        return await WriteAsync(request, found.GetValueOrDefault(request.KeyValue), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        // No batch write endpoint exists for CRM data: one query resolves the keys of up to 100 items, then one write per item.
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in requests.Where(r => r.KeyField != IdField).GroupBy(r => (r.Entity, r.KeyField)))
        {
            var values = group.Select(r => r.KeyValue).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var (key, id) in await FindByKeyAsync(group.Key.Entity, group.Key.KeyField, values, cancellationToken).ConfigureAwait(false))
            {
                known[$"{group.Key.Entity}\u001f{group.Key.KeyField}\u001f{key}"] = id;
            }
        }

        var results = new BatchItemResult[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var slot = $"{request.Entity}\u001f{request.KeyField}\u001f{request.KeyValue}";
            try
            {
                var id = request.KeyField == IdField ? request.KeyValue : known.GetValueOrDefault(slot);
                var result = await WriteAsync(request, id, cancellationToken).ConfigureAwait(false);
                known[slot] = result.Id;
                results[i] = new BatchItemResult(i, result, null);
            }
            catch (ConnectorException ex)
            {
                results[i] = new BatchItemResult(i, null, ex);
                if (ex.Kind is ErrorKind.Throttled or ErrorKind.QuotaExhausted)
                {
                    // Every further call would fail the same way: do not burn the quota or the rate limit.
                    for (var j = i + 1; j < requests.Count; j++)
                    {
                        results[j] = new BatchItemResult(j, null, ex);
                    }

                    break;
                }
            }
        }

        return results;
    }

    private async Task<UpsertResult> WriteAsync(UpsertRequest request, string? id, CancellationToken cancellationToken)
    {
        var entity = request.Entity;
        var skip = new HashSet<string>(StringComparer.Ordinal) { IdField, "dataObjectApiName" };
        var data = new JsonObject();
        if (_options.DetailObjects.TryGetValue(entity, out var detail) && request.Data[detail.ApiName] is JsonArray lines)
        {
            skip.Add(detail.ApiName);
            var detailRows = new JsonArray();
            foreach (var line in lines.OfType<JsonObject>())
            {
                var row = _values.ToWrite(line, new HashSet<string>(StringComparer.Ordinal) { detail.MasterField });
                row["dataObjectApiName"] = detail.ApiName;
                detailRows.Add(row);
            }

            data["details"] = new JsonObject { [detail.ApiName] = detailRows };
        }

        var objectData = _values.ToWrite(request.Data, skip);
        objectData["dataObjectApiName"] = entity;
        if (id is null)
        {
            objectData[request.KeyField] = request.KeyValue;
            objectData["owner"] ??= new JsonArray(_options.CurrentOpenUserId);
        }
        else
        {
            objectData[IdField] = id;
        }

        data["object_data"] = objectData;
        var body = new JsonObject { ["data"] = data, ["triggerApprovalFlow"] = false, ["triggerWorkFlow"] = false };
        var operation = id is null ? "create" : "update";
        var response = await _client.CallAsync(_api.Path(entity, operation), body, cancellationToken).ConfigureAwait(false);
        var written = id ?? FxiaokeEnvelope.String(response["dataId"]) ?? FxiaokeEnvelope.String(response["data"]?["_id"])
            ?? throw new ConnectorException(System, ErrorKind.Transient, "NO_DATA_ID", $"fxiaoke {operation} of {entity}: no dataId in the response");
        var version = await WrittenVersionAsync(entity, written, response, cancellationToken).ConfigureAwait(false);
        FxiaokeLog.Written(_logger, System, entity, written, id is null ? "created" : "updated");
        return new UpsertResult(written, id is null, version);
    }

    /// <summary>
    /// The version after a write, which the pipeline uses to recognise the write's own change event. The create/update
    /// responses documented carry only <c>dataId</c>; if a tenant's response carries the saved record its
    /// <c>last_modified_time</c> is used, otherwise one <c>get</c> reads it.
    /// </summary>
    private async Task<string?> WrittenVersionAsync(string entity, string id, JsonObject response, CancellationToken cancellationToken)
    {
        var saved = response["data"]?["object_data"] as JsonObject ?? response["data"] as JsonObject;
        if (saved is not null && Version(saved) is { } inline)
        {
            return inline;
        }

        var record = await GetRawAsync(entity, id, cancellationToken).ConfigureAwait(false);
        return record is null ? null : Version(record);
    }

    private async Task<Dictionary<string, string>> FindByKeyAsync(string entity, string keyField, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in values.Chunk(100))
        {
            string? after = null;
            while (true)
            {
                var filters = new List<JsonObject> { FxiaokeQuery.Filter(keyField, chunk.Length == 1 ? "EQ" : "IN", chunk) };
                if (after is not null)
                {
                    filters.Add(FxiaokeQuery.Filter(IdField, "GT", after));
                }

                var response = await _client.CallAsync(_api.Path(entity, "query"), FxiaokeQuery.Body(entity, 100, filters, [FxiaokeQuery.Order(IdField)]), cancellationToken)
                    .ConfigureAwait(false);
                var rows = FxiaokeQuery.Records(response);
                foreach (var row in rows.Where(r => !IsDeleted(r)))
                {
                    if (FxiaokeEnvelope.String(row[keyField]) is { } key)
                    {
                        found.TryAdd(key, Id(row));
                    }
                }

                if (rows.Count < 100)
                {
                    break;
                }

                after = Id(rows[^1]);
            }
        }

        return found;
    }
}
