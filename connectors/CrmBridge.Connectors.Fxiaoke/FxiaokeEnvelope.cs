using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>Reads the <c>{errorCode, errorMessage, ...}</c> envelope and loosely typed values (numbers may arrive as strings).</summary>
internal static class FxiaokeEnvelope
{
    /// <summary>Gets the errorCode (missing = 0 only when the body has no error marker at all).</summary>
    public static int ErrorCode(JsonObject response) => (int)(Long(response["errorCode"]) ?? 0);

    /// <summary>Gets the errorMessage (never used for decisions: the docs say it changes).</summary>
    public static string? ErrorMessage(JsonObject response) =>
        response["errorMessage"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Reads an integer given as a JSON number or a numeric string.</summary>
    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue<long>(out var l) ? l : (long)value.GetValue<double>(),
            JsonValueKind.String => long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null,
            _ => null,
        };
    }

    /// <summary>Reads a string value (numbers are rendered invariantly).</summary>
    public static string? String(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };
}
