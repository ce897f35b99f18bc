using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>A record key from the URL: <c>(guid)</c> or an alternate key <c>(accountnumber='X')</c>.</summary>
internal sealed class DataverseKey
{
    private DataverseKey(string text, Guid? id, Dictionary<string, JsonNode> values, string composite)
    {
        Text = text;
        Id = id;
        Values = values;
        Composite = composite;
    }

    public string Text { get; }

    public Guid? Id { get; }

    public Dictionary<string, JsonNode> Values { get; }

    public string Composite { get; }

    public static DataverseKey Parse(DataverseTableSchema schema, string text)
    {
        if (Guid.TryParse(text, out var id))
        {
            return new DataverseKey(text, id, [], string.Empty);
        }

        var values = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var part in SplitPairs(text))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw Invalid(schema, text);
            }

            var column = part[..eq].Trim();
            var raw = part[(eq + 1)..].Trim();
            values[column] = raw.StartsWith('\'') && raw.EndsWith('\'') && raw.Length >= 2
                ? JsonValue.Create(raw[1..^1].Replace("''", "'", StringComparison.Ordinal))
                : decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : throw Invalid(schema, text);
        }

        if (values.Count == 1 && values.TryGetValue(schema.IdField, out var idValue) && Guid.TryParse(idValue.ToString(), out var keyed))
        {
            return new DataverseKey(text, keyed, [], string.Empty);
        }

        if (schema.AlternateKey.Count == 0 || values.Count != schema.AlternateKey.Count || !schema.AlternateKey.All(values.ContainsKey))
        {
            throw Invalid(schema, text);
        }

        return new DataverseKey(text, null, values, string.Join('\u001f', schema.AlternateKey.Select(k => values[k].ToString())));
    }

    private static IEnumerable<string> SplitPairs(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                quoted = !quoted;
            }
            else if (text[i] == ',' && !quoted)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static DataverseApiException Invalid(DataverseTableSchema schema, string text) =>
        new(400, "0x80060888", $"The key '{text}' is not an id or a defined alternate key of '{schema.LogicalName}'.");
}
