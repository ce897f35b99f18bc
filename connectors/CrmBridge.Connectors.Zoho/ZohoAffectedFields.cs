using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Which fields a callback says changed, per record id. Zoho sends <c>"affected_fields": []</c> and, on channels
/// subscribed with <c>return_affected_field_values</c>, the changed fields with their values in
/// <c>"affected_values": [{"record_id": "..", "values": {"Field": ..}}]</c>. The older
/// <c>"affected_fields": [{"&lt;id&gt;": ["Field", ..]}]</c> form is read too; both are merged.
/// </summary>
internal static class ZohoAffectedFields
{
    /// <summary>Reads both lists; an id absent from both has unknown changes.</summary>
    /// <param name="body">The callback body.</param>
    /// <returns>The changed field names by record id.</returns>
    public static Dictionary<string, IReadOnlyCollection<string>> Read(JsonObject body)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var entry in (body["affected_fields"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var (id, fields) in entry)
            {
                if (fields is JsonArray list)
                {
                    Add(result, id, list.Select(f => f is JsonValue v ? v.ToString() : null));
                }
            }
        }

        foreach (var entry in (body["affected_values"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // UNCONFIRMED beyond the community-observed shape: record_id may come as a number; values is an object.
            if (entry["record_id"] is JsonValue id && entry["values"] is JsonObject values)
            {
                Add(result, id.ToString(), values.Select(v => v.Key));
            }
        }

        return result.ToDictionary(r => r.Key, r => (IReadOnlyCollection<string>)r.Value, StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, HashSet<string>> result, string id, IEnumerable<string?> fields)
    {
        if (!result.TryGetValue(id, out var set))
        {
            result[id] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.UnionWith(fields.OfType<string>());
    }
}
