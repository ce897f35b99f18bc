using System.Text.Json.Nodes;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>Reads: one record by id, and records by ids, each with the fields split into calls of ≤50 and merged.</summary>
internal sealed partial class ZohoConnector
{
    private const int MaxIdsPerCall = 100;

    /// <inheritdoc />
    public async Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var module = Module(entity);
        JsonObject? record = null;
        foreach (var fields in module.FieldChunks)
        {
            var response = await _api.SendAsync(Method.Get, $"{module.ApiName}/{Uri.EscapeDataString(id)}", r => r.AddQueryParameter("fields", fields), false, cancellationToken).ConfigureAwait(false);
            if (response.Status == 204 || (response.Body?["data"] as JsonArray)?.FirstOrDefault() is not JsonObject part)
            {
                return null;
            }

            record = Merge(record, part);
        }

        return record is null ? null : new SourceRecord(id, record, Text(record["Modified_Time"]));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, SourceRecord>> GetManyAsync(string entity, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var records = await FetchByIdsAsync(Module(entity), [.. ids.Distinct(StringComparer.Ordinal)], 0, null, cancellationToken).ConfigureAwait(false);
        return records.ToDictionary(p => p.Key, p => new SourceRecord(p.Key, p.Value, Text(p.Value["Modified_Time"])), StringComparer.Ordinal);
    }

    /// <summary>Reads records by id (calls of ≤100 ids), field chunks from <paramref name="firstChunk"/> on, merged into <paramref name="into"/>.</summary>
    private async Task<Dictionary<string, JsonObject>> FetchByIdsAsync(ZohoModule module, IReadOnlyList<string> ids, int firstChunk, Dictionary<string, JsonObject>? into, CancellationToken cancellationToken)
    {
        var result = into ?? new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        for (var chunk = firstChunk; chunk < module.FieldChunks.Count; chunk++)
        {
            var fields = module.FieldChunks[chunk];
            foreach (var batch in ids.Chunk(MaxIdsPerCall))
            {
                var response = await _api.SendAsync(Method.Get, module.ApiName, r =>
                {
                    r.AddQueryParameter("ids", string.Join(',', batch));
                    r.AddQueryParameter("fields", fields);
                }, false, cancellationToken).ConfigureAwait(false);
                foreach (var part in (response.Body?["data"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (Text(part["id"]) is { } id && (chunk == 0 || result.ContainsKey(id)))
                    {
                        result[id] = Merge(result.GetValueOrDefault(id), part);
                    }
                }
            }
        }

        return result;
    }

    private static JsonObject Merge(JsonObject? target, JsonObject part)
    {
        if (target is null)
        {
            return (JsonObject)part.DeepClone();
        }

        foreach (var (name, value) in part)
        {
            target[name] = value?.DeepClone();
        }

        return target;
    }
}
