using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// The <c>$filter</c> subset the emulator understands: <c>field op value</c> terms (eq, ne, gt, ge, lt, le) joined by
/// <c>and</c> / <c>or</c> (and binds tighter); values are quoted text, numbers, booleans, GUIDs or ISO date-times.
/// </summary>
internal sealed class BcFilter
{
    private readonly List<List<(string Field, string Op, string Value)>> _any = [];

    private BcFilter()
    {
    }

    public static BcFilter Parse(string text)
    {
        var tokens = Tokens(text);
        var filter = new BcFilter();
        var current = new List<(string, string, string)>();
        for (var i = 0; i < tokens.Count;)
        {
            if (i + 2 >= tokens.Count || tokens[i + 1] is not ("eq" or "ne" or "gt" or "ge" or "lt" or "le"))
            {
                throw new BcApiException(400, "BadRequest_InvalidFilter", $"The filter '{text}' is not valid.");
            }

            current.Add((tokens[i], tokens[i + 1], tokens[i + 2]));
            i += 3;
            if (i < tokens.Count)
            {
                if (tokens[i] == "or")
                {
                    filter._any.Add(current);
                    current = [];
                }
                else if (tokens[i] != "and")
                {
                    throw new BcApiException(400, "BadRequest_InvalidFilter", $"The filter '{text}' is not valid.");
                }

                i++;
            }
        }

        filter._any.Add(current);
        return filter;
    }

    public bool Matches(JsonObject record) => _any.Any(all => all.All(t => Test(record[t.Field], t.Op, t.Value)));

    private static bool Test(JsonNode? field, string op, string literal)
    {
        int cmp;
        if (literal.StartsWith('\''))
        {
            var text = literal[1..^1].Replace("''", "'", StringComparison.Ordinal);
            cmp = string.Compare(field?.ToString() ?? string.Empty, text, StringComparison.OrdinalIgnoreCase);
        }
        else if (field is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            cmp = decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture).CompareTo(number);
        }
        else if (literal.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            && DateTimeOffset.TryParse(field?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            cmp = value.CompareTo(instant);
        }
        else
        {
            cmp = string.Compare(field?.ToString() ?? string.Empty, literal, StringComparison.OrdinalIgnoreCase);
        }

        return op switch { "eq" => cmp == 0, "ne" => cmp != 0, "gt" => cmp > 0, "ge" => cmp >= 0, "lt" => cmp < 0, _ => cmp <= 0 };
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }

            var start = i;
            if (text[i] == '\'')
            {
                i++;
                while (i < text.Length && !(text[i] == '\'' && (i + 1 >= text.Length || text[i + 1] != '\'')))
                {
                    i += text[i] == '\'' ? 2 : 1;
                }

                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ' ')
                {
                    i++;
                }
            }

            tokens.Add(text[start..Math.Min(i, text.Length)]);
        }

        return tokens;
    }
}
