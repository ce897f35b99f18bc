using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>K3Cloud reads keys case-insensitively and takes <c>"true"</c> for true; these helpers do the same.</summary>
internal static class KingdeeSandboxJson
{
    public static string? Key(JsonObject? obj, string name) =>
        obj?.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    public static JsonNode? Get(JsonObject? obj, string name) => Key(obj, name) is { } key ? obj![key] : null;

    /// <summary>Sets a field, keeping the stored spelling of an existing key.</summary>
    public static void Set(JsonObject obj, string name, JsonNode? value) => obj[Key(obj, name) ?? name] = value;

    public static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static bool Bool(JsonNode? node, bool fallback) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => bool.TryParse(node.GetValue<string>(), out var b) ? b : fallback,
        _ => fallback,
    };

    public static long Long(JsonNode? node) =>
        Text(node) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static decimal? Decimal(JsonNode? node) =>
        Text(node) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Reads a base-data reference: <c>{"FNumber":"C001"}</c> (or FNUMBER / FCode / FUserID) or a bare number text.</summary>
    public static string? Reference(JsonNode? node) => node is JsonObject obj
        ? Text(Get(obj, "FNumber") ?? Get(obj, "FCode") ?? Get(obj, "FUserID"))
        : Text(node);

    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(Text).OfType<string>(),
        JsonValue value when Text(value) is { Length: > 0 } text => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };
}
