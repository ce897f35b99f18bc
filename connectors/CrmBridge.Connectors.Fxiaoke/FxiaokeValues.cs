using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Shapes values the way the OpenAPI expects them on writes: numbers (and money) as strings, dates as epoch milliseconds,
/// owner as <c>["id"]</c>. Single-selects are written as the option value the mapping produced.
/// </summary>
internal sealed class FxiaokeValues
{
    private readonly HashSet<string> _dateFields;

    public FxiaokeValues(FxiaokeOptions options) => _dateFields = new HashSet<string>(options.DateFields, StringComparer.Ordinal);

    /// <summary>Returns a write-ready copy of one field value.</summary>
    public JsonNode? ToWrite(string field, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        if (field is "owner" or "created_by" && value is JsonValue single)
        {
            return new JsonArray(JsonValue.Create(FxiaokeEnvelope.String(single)));
        }

        if (value is not JsonValue v)
        {
            return value.DeepClone();
        }

        var kind = v.GetValueKind();
        if (_dateFields.Contains(field) && kind == JsonValueKind.String)
        {
            var text = v.GetValue<string>();
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                return JsonValue.Create(date.ToUnixTimeMilliseconds());
            }
        }

        if (kind == JsonValueKind.Number)
        {
            return _dateFields.Contains(field) ? v.DeepClone() : JsonValue.Create(v.ToJsonString());
        }

        return v.DeepClone();
    }

    /// <summary>Returns a write-ready copy of a record's fields, leaving out <paramref name="skip"/>.</summary>
    public JsonObject ToWrite(JsonObject data, ICollection<string> skip)
    {
        var result = new JsonObject();
        foreach (var (name, value) in data)
        {
            if (!skip.Contains(name))
            {
                result[name] = ToWrite(name, value);
            }
        }

        return result;
    }
}
