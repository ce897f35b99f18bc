using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>Lenient readers for K3Cloud JSON: booleans as <c>"true"</c>, numbers as strings, keys in any case.</summary>
internal static class KingdeeJson
{
    public static JsonNode? Get(JsonObject? obj, string name)
    {
        if (obj is null)
        {
            return null;
        }

        if (obj.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static bool? Bool(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(node.GetValue<string>(), out var b) => b,
        _ => null,
    };

    public static long? Long(JsonNode? node) =>
        Text(node) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Reads a base-data reference or scalar as text: <c>{"FNumber":"C001"}</c> → <c>C001</c>.</summary>
    public static string? Reference(JsonNode? node) => node is JsonObject obj
        ? Text(Get(obj, "FNumber") ?? Get(obj, "FUserID") ?? Get(obj, "FCode"))
        : Text(node);

    /// <summary>Quotes a value for a FilterString literal (single quotes doubled).</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
