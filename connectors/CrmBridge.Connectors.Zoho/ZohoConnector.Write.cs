using System.Text.Json.Nodes;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Writes. A request keyed by <c>id</c> is an update of an existing record (PUT, never a create: an unknown id fails
/// NotFound); any other key field is an alternate key used for <c>upsert</c> with <c>duplicate_check_fields</c>, which may
/// create. Calls carry ≤100 records; each record's result or error is its own <see cref="BatchItemResult"/>.
/// <see cref="UpsertRequest.IfMatch"/> is not enforced (Zoho has no per-record precondition in batch writes): last write wins.
/// </summary>
internal sealed partial class ZohoConnector
{
    private const string IdField = "id";

    /// <inheritdoc />
    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        var result = (await UpsertBatchAsync([request], cancellationToken).ConfigureAwait(false))[0];
        return result.Result ?? throw result.Error!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new BatchItemResult?[requests.Count];
        var delivered = false;
        var groups = requests.Select((r, i) => (Request: r, Index: i)).GroupBy(x => (x.Request.Entity, x.Request.KeyField));
        foreach (var group in groups)
        {
            var module = Module(group.Key.Entity);
            foreach (var chunk in group.Chunk(_options.WriteBatchSize))
            {
                try
                {
                    await WriteChunkAsync(module, group.Key.KeyField, chunk, results, cancellationToken).ConfigureAwait(false);
                    delivered = true;
                }
                catch (ConnectorException ex) when (delivered)
                {
                    // Earlier calls were written: report this call's failure per item instead of losing their results.
                    foreach (var (_, index) in chunk)
                    {
                        results[index] = new BatchItemResult(index, null, ex);
                    }
                }
            }
        }

        return results.Select((r, i) => r ?? new BatchItemResult(i, null, new ConnectorException(System, ErrorKind.Transient, "NOT_SENT", $"{System}: the record was not sent."))).ToList();
    }

    private async Task WriteChunkAsync(ZohoModule module, string keyField, (UpsertRequest Request, int Index)[] chunk, BatchItemResult?[] results, CancellationToken cancellationToken)
    {
        var byId = keyField == IdField;
        var data = new JsonArray();
        foreach (var (request, _) in chunk)
        {
            var record = (JsonObject)request.Data.DeepClone();
            record[keyField] = request.KeyValue;
            data.Add(record);
        }

        var body = new JsonObject { ["data"] = data };
        if (!byId)
        {
            body["duplicate_check_fields"] = new JsonArray(keyField);
        }

        var json = body.ToJsonString();
        var now = _time.GetUtcNow();
        if (byId)
        {
            // Zoho may post the notification before this call returns: remember id-keyed writes before sending.
            foreach (var (request, _) in chunk)
            {
                _writes.Remember(module.ApiName, request.KeyValue, false, request.Data.Select(p => p.Key).Append(keyField), now, _options.EchoWindow);
            }
        }

        ZohoResponse? response = null;
        try
        {
            response = await _api.SendAsync(byId ? Method.Put : Method.Post, byId ? module.ApiName : $"{module.ApiName}/upsert",
                r => r.AddStringBody(json, DataFormat.Json), acceptRecordErrors: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (response is null && byId)
            {
                foreach (var (request, _) in chunk)
                {
                    _writes.Forget(module.ApiName, request.KeyValue);
                }
            }
        }

        var items = response.Body?["data"] as JsonArray;
        var failed = 0;
        for (var i = 0; i < chunk.Length; i++)
        {
            var (request, index) = chunk[i];
            var item = items is not null && i < items.Count ? items[i] as JsonObject : null;
            if (item?["status"]?.ToString() == "success" && Text(item["details"]?["id"]) is { } id)
            {
                var created = item["action"]?.ToString() == "insert";
                _writes.Remember(module.ApiName, id, created, request.Data.Select(p => p.Key).Append(keyField), now, _options.EchoWindow);
                results[index] = new BatchItemResult(index, new UpsertResult(id, created, Text(item["details"]?["Modified_Time"])), null);
            }
            else
            {
                failed++;
                _writes.Forget(module.ApiName, request.KeyValue);
                var error = item is null
                    ? new ConnectorException(System, ErrorKind.Transient, "MISSING_RESULT", $"{System}: no per-record result for item {i}.")
                    : ZohoErrors.ForRecord(System, item);
                results[index] = new BatchItemResult(index, null, error);
            }
        }

        Log.Wrote(_logger, System, module.Entity, chunk.Length, failed);
    }
}
