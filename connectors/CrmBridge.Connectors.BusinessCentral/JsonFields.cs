using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>Field comparison that treats numbers by value (<c>10</c> equals <c>10.0</c>), so unchanged fields are not rewritten.</summary>
internal static class JsonFields
{
    /// <summary>Gets the fields of <paramref name="desired"/> whose values differ from <paramref name="current"/>.</summary>
    /// <param name="current">The record as stored.</param>
    /// <param name="desired">The fields to write.</param>
    /// <returns>The differing fields (copies).</returns>
    public static JsonObject Changed(JsonObject current, JsonObject desired)
    {
        var changed = new JsonObject();
        foreach (var (name, value) in desired)
        {
            if (!Same(current[name], value))
            {
                changed[name] = value?.DeepClone();
            }
        }

        return changed;
    }

    public static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is JsonValue va && b is JsonValue vb && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.TryParse(va.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
                && decimal.TryParse(vb.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var db)
                && da == db;
        }

        return JsonNode.DeepEquals(a, b);
    }
}
