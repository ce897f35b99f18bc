using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>One <c>{field_name, operator, field_values}</c> filter and its evaluation (numbers compare numerically, else ordinally).</summary>
/// <param name="Field">The field.</param>
/// <param name="Operator">EQ, N, GT, GTE, LT, LTE, IN, NIN, LIKE, NLIKE, STARTWITH, ENDWITH, IS, ISN.</param>
/// <param name="Values">The values (strings, as the API sends them).</param>
internal sealed record FxiaokeFilter(string Field, string Operator, IReadOnlyList<string> Values)
{
    /// <summary>The operators the emulator understands.</summary>
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal)
    {
        "EQ", "N", "GT", "GTE", "LT", "LTE", "IN", "NIN", "LIKE", "NLIKE", "STARTWITH", "ENDWITH", "IS", "ISN",
    };

    /// <summary>Gets the first value as a long, when it is one.</summary>
    public long? LongValue => Values.Count > 0 && long.TryParse(Values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Evaluates the filter on a record.</summary>
    public bool Matches(JsonObject record)
    {
        var node = record[Field];
        var texts = Texts(node);
        var first = Values.Count > 0 ? Values[0] : string.Empty;
        return Operator switch
        {
            "EQ" => texts.Any(t => Compare(t, first) == 0),
            "N" => !texts.Any(t => Compare(t, first) == 0),
            "GT" => texts.Any(t => Compare(t, first) > 0),
            "GTE" => texts.Any(t => Compare(t, first) >= 0),
            "LT" => texts.Any(t => Compare(t, first) < 0),
            "LTE" => texts.Any(t => Compare(t, first) <= 0),
            "IN" => texts.Any(t => Values.Any(v => Compare(t, v) == 0)),
            "NIN" => !texts.Any(t => Values.Any(v => Compare(t, v) == 0)),
            "LIKE" => texts.Any(t => t.Contains(first, StringComparison.OrdinalIgnoreCase)),
            "NLIKE" => !texts.Any(t => t.Contains(first, StringComparison.OrdinalIgnoreCase)),
            "STARTWITH" => texts.Any(t => t.StartsWith(first, StringComparison.OrdinalIgnoreCase)),
            "ENDWITH" => texts.Any(t => t.EndsWith(first, StringComparison.OrdinalIgnoreCase)),
            "IS" => texts.Count == 0,
            "ISN" => texts.Count > 0,
            _ => false,
        };
    }

    /// <summary>Renders a field value as the texts it compares as (arrays such as owner compare element-wise).</summary>
    public static List<string> Texts(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(Text).OfType<string>().ToList(),
        _ => Text(node) is { } t ? [t] : [],
    };

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number => v.ToJsonString(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    private int Compare(string a, string b) =>
        Field != "_id"
        && decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
        && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);
}
