using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>Reads scalar JSON values leniently and without throwing (CRMs send numbers as text, ids as numbers).</summary>
internal static class JsonValues
{
    private const NumberStyles NumberText = NumberStyles.Float | NumberStyles.AllowThousands;

    public static bool TryGetText(JsonValue value, out string text)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                text = StringOf(value);
                return true;
            case JsonValueKind.Number:
                text = TryGetNumber(value, out var number) ? number.ToString(CultureInfo.InvariantCulture) : value.ToJsonString();
                return true;
            case JsonValueKind.True:
                text = "true";
                return true;
            case JsonValueKind.False:
                text = "false";
                return true;
            default:
                text = string.Empty;
                return false;
        }
    }

    public static bool TryGetNumber(JsonValue value, out decimal number)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                if (value.TryGetValue(out number))
                {
                    return true;
                }

                if (value.TryGetValue(out JsonElement element))
                {
                    return element.TryGetDecimal(out number);
                }

                // Nodes built in code hold int, long, double...: their JSON text parses for every numeric type.
                return decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            case JsonValueKind.String:
                return TryParseNumber(StringOf(value), out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>Gets a string-kind value's text, also when a connector built the node from a Guid or DateTime.</summary>
    public static string StringOf(JsonValue value) =>
        value.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty;

    public static bool TryParseNumber(string text, out decimal number) =>
        decimal.TryParse(text.AsSpan().Trim(), NumberText, CultureInfo.InvariantCulture, out number);

    /// <summary>Compares two scalars for filter equality: numbers numerically, everything else as text (ordinal).</summary>
    public static bool ScalarEquals(JsonNode? actual, JsonNode? expected)
    {
        if (actual is null || expected is null)
        {
            return actual is null && expected is null;
        }

        if (actual is not JsonValue a || expected is not JsonValue e)
        {
            return false;
        }

        if (TryGetNumber(a, out var x) && TryGetNumber(e, out var y) && IsNumberish(a, e))
        {
            return x == y;
        }

        return TryGetText(a, out var s) && TryGetText(e, out var t) && string.Equals(s, t, StringComparison.Ordinal);
    }

    private static bool IsNumberish(JsonValue a, JsonValue e) =>
        a.GetValueKind() == JsonValueKind.Number || e.GetValueKind() == JsonValueKind.Number;
}
