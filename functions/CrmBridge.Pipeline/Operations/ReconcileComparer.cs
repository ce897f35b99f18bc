using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Compares a mapped document with the target record, field by field, looking only at what the mapping produced: the
/// target's own fields (ids, timestamps, fields another route owns) are ignored. Numbers compare by value whether a
/// system sends them as numbers or strings (<c>"50000.00"</c> equals <c>50000</c>); a mapped null equals a missing field.
/// </summary>
public static class ReconcileComparer
{
    /// <summary>Lists the mapped paths whose target value differs.</summary>
    /// <param name="mapped">The mapping of the source's latest version.</param>
    /// <param name="target">The target record as its system returns it.</param>
    /// <param name="ignore">Top-level mapped fields not to compare (the target key field, write-only annotations).</param>
    /// <returns>The differing paths (<c>address.city</c>, <c>lines[2].quantity</c>), empty when in sync.</returns>
    public static IReadOnlyList<string> Differences(JsonObject mapped, JsonObject target, Func<string, bool>? ignore = null)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(target);
        var differences = new List<string>();
        foreach (var (key, value) in mapped)
        {
            if (ignore?.Invoke(key) == true)
            {
                continue;
            }

            Compare(key, value, target[key], differences);
        }

        return differences;
    }

    private static void Compare(string path, JsonNode? expected, JsonNode? actual, List<string> differences)
    {
        switch (expected)
        {
            case null:
                if (actual is JsonValue v && !IsEmpty(v))
                {
                    differences.Add(path);
                }

                break;
            case JsonObject obj:
                if (actual is not JsonObject actualObject)
                {
                    differences.Add(path);
                    break;
                }

                foreach (var (key, value) in obj)
                {
                    Compare($"{path}.{key}", value, actualObject[key], differences);
                }

                break;
            case JsonArray array:
                if (actual is not JsonArray actualArray || actualArray.Count != array.Count)
                {
                    differences.Add(path);
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Compare($"{path}[{i}]", array[i], actualArray[i], differences);
                }

                break;
            case JsonValue value:
                if (actual is not JsonValue actualValue || !ValuesEqual(value, actualValue))
                {
                    differences.Add(path);
                }

                break;
        }
    }

    private static bool ValuesEqual(JsonValue expected, JsonValue actual)
    {
        if (TryNumber(expected, out var a) && TryNumber(actual, out var b))
        {
            return a == b;
        }

        return string.Equals(Text(expected), Text(actual), StringComparison.Ordinal);
    }

    private static bool TryNumber(JsonValue value, out decimal number)
    {
        number = 0;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            JsonValueKind.String => decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    private static string Text(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static bool IsEmpty(JsonValue value) => value.GetValueKind() == JsonValueKind.Null || (value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length == 0);
}
