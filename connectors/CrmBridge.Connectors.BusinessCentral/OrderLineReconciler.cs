using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Plans the line operations that make an order's stored lines equal the desired ones: a desired line with a
/// <c>sequence</c> matches the stored line with that sequence; one without matches the first unmatched stored line with
/// the same item (<c>lineObjectNumber</c>, else <c>itemId</c>, else <c>description</c>). Matched lines are patched when a
/// field differs, unmatched desired lines are created, unmatched stored lines deleted.
/// </summary>
internal static class OrderLineReconciler
{
    public static List<BatchOperation> Plan(string linesUrl, JsonArray? stored, JsonArray desired)
    {
        var existing = (stored ?? []).OfType<JsonObject>().OrderBy(l => decimal.TryParse(l["sequence"]?.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0).ToList();
        var matched = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        var operations = new List<BatchOperation>();
        var index = 0;
        foreach (var line in desired.OfType<JsonObject>())
        {
            index++;
            var match = existing.FirstOrDefault(e => !matched.Contains(e) && Matches(e, line));
            if (match is null)
            {
                operations.Add(new BatchOperation($"line-create-{index}", "POST", linesUrl, Writable(line)));
                continue;
            }

            matched.Add(match);
            var changed = JsonFields.Changed(match, Writable(line));
            if (changed.Count > 0)
            {
                operations.Add(new BatchOperation($"line-update-{index}", "PATCH", $"{linesUrl}({match["id"]})", changed, match["@odata.etag"]?.ToString() ?? "*"));
            }
        }

        foreach (var line in existing.Where(e => !matched.Contains(e)))
        {
            operations.Add(new BatchOperation($"line-delete-{line["sequence"]}", "DELETE", $"{linesUrl}({line["id"]})", null, line["@odata.etag"]?.ToString() ?? "*"));
        }

        return operations;
    }

    private static bool Matches(JsonObject stored, JsonObject desired)
    {
        if (desired["sequence"] is JsonValue sequence)
        {
            return JsonFields.Same(stored["sequence"], sequence);
        }

        foreach (var field in new[] { "lineObjectNumber", "itemId", "description" })
        {
            if (desired[field] is JsonValue value)
            {
                return JsonFields.Same(stored[field], value);
            }
        }

        return false;
    }

    private static JsonObject Writable(JsonObject line)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in line)
        {
            if (name is not ("id" or "documentId") && !name.StartsWith("@odata.", StringComparison.Ordinal))
            {
                copy[name] = value?.DeepClone();
            }
        }

        return copy;
    }
}
