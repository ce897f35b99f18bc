using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>Detail objects (order lines): read in bulk for a page of masters and carried inline under the detail API name.</summary>
internal sealed partial class FxiaokeConnector
{
    private async Task AttachDetailsAsync(string entity, IReadOnlyList<JsonObject> masters, CancellationToken cancellationToken)
    {
        if (masters.Count == 0 || !_options.DetailObjects.TryGetValue(entity, out var detail))
        {
            return;
        }

        var byMaster = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var master in masters)
        {
            var id = FxiaokeEnvelope.String(master["_id"]);
            if (id is not null)
            {
                var lines = new JsonArray();
                byMaster[id] = lines;
                master[detail.ApiName] = lines;
            }
        }

        // One query per 100 masters (IN), keyset-paged by _id: lines of a page of orders cost a few calls, not one per order.
        foreach (var chunk in byMaster.Keys.Chunk(100))
        {
            string? after = null;
            while (true)
            {
                var filters = new List<JsonObject> { FxiaokeQuery.Filter(detail.MasterField, "IN", chunk) };
                if (after is not null)
                {
                    filters.Add(FxiaokeQuery.Filter("_id", "GT", after));
                }

                var response = await _client.CallAsync(_api.Path(detail.ApiName, "query"),
                    FxiaokeQuery.Body(detail.ApiName, 100, filters, [FxiaokeQuery.Order("_id")]), cancellationToken).ConfigureAwait(false);
                var rows = FxiaokeQuery.Records(response);
                foreach (var row in rows)
                {
                    if (!IsDeleted(row) && FxiaokeEnvelope.String(row[detail.MasterField]) is { } masterId && byMaster.TryGetValue(masterId, out var lines))
                    {
                        lines.Add(row.DeepClone());
                    }
                }

                if (rows.Count < 100)
                {
                    break;
                }

                after = FxiaokeEnvelope.String(rows[^1]["_id"]);
            }
        }
    }
}
