using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// A small <c>$filter</c> parser: comparisons (<c>eq ne gt lt ge le</c>) of a column with a literal (string, number,
/// GUID, date, <c>true/false/null</c>), combined with <c>and</c>, <c>or</c> and parentheses. Anything else is a 400.
/// </summary>
public static class ODataFilter
{
    /// <summary>Parses a filter into a predicate over a record.</summary>
    /// <param name="text">The <c>$filter</c> value.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="DataverseApiException">400 when the filter is not understood.</exception>
    public static Func<JsonObject, bool> Parse(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        var predicate = ParseOr(tokens, ref position);
        if (position != tokens.Count)
        {
            throw Error($"unexpected '{tokens[position]}'");
        }

        return predicate;
    }

    private static Func<JsonObject, bool> ParseOr(List<string> tokens, ref int position)
    {
        var left = ParseAnd(tokens, ref position);
        while (position < tokens.Count && tokens[position] == "or")
        {
            position++;
            var first = left;
            var second = ParseAnd(tokens, ref position);
            left = r => first(r) || second(r);
        }

        return left;
    }

    private static Func<JsonObject, bool> ParseAnd(List<string> tokens, ref int position)
    {
        var left = ParsePrimary(tokens, ref position);
        while (position < tokens.Count && tokens[position] == "and")
        {
            position++;
            var first = left;
            var second = ParsePrimary(tokens, ref position);
            left = r => first(r) && second(r);
        }

        return left;
    }

    private static Func<JsonObject, bool> ParsePrimary(List<string> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw Error("unexpected end of the expression");
        }

        if (tokens[position] == "(")
        {
            position++;
            var inner = ParseOr(tokens, ref position);
            if (position >= tokens.Count || tokens[position] != ")")
            {
                throw Error("missing ')'");
            }

            position++;
            return inner;
        }

        if (position + 2 >= tokens.Count)
        {
            throw Error($"incomplete comparison at '{tokens[position]}'");
        }

        var field = tokens[position];
        var op = tokens[position + 1];
        var literal = ParseLiteral(tokens[position + 2]);
        position += 3;
        if (!char.IsLetter(field[0]) && field[0] != '_')
        {
            throw Error($"'{field}' is not a column name");
        }

        Func<int, bool> test = op switch
        {
            "eq" => c => c == 0,
            "ne" => c => c != 0,
            "gt" => c => c > 0,
            "lt" => c => c < 0,
            "ge" => c => c >= 0,
            "le" => c => c <= 0,
            _ => throw Error($"operator '{op}' is not supported"),
        };
        return op is "eq" or "ne" && literal is null
            ? r => (r[field] is null) == (op == "eq")
            : r => r[field] is { } value && literal is not null && test(Compare(value, literal));
    }

    private static object? ParseLiteral(string token)
    {
        if (token.StartsWith('\''))
        {
            return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (token == "null")
        {
            return null;
        }

        if (token is "true" or "false")
        {
            return token == "true";
        }

        if (Guid.TryParse(token, out var guid))
        {
            return guid;
        }

        if (decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        throw Error($"'{token}' is not a literal");
    }

    private static int Compare(JsonNode value, object literal)
    {
        var kind = value.GetValueKind();
        return literal switch
        {
            decimal d when kind == JsonValueKind.Number => Number(value).CompareTo(d),
            bool b when kind is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>().CompareTo(b),
            Guid g when kind == JsonValueKind.String && Guid.TryParse(value.GetValue<string>(), out var v) => string.CompareOrdinal(v.ToString(), g.ToString()),
            DateTimeOffset t when kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) => v.CompareTo(t),
            string s when kind == JsonValueKind.String => string.Compare(value.GetValue<string>(), s, StringComparison.OrdinalIgnoreCase),
            _ => throw Error($"cannot compare a {kind} column with '{literal}'"),
        };
    }

    /// <summary>Reads a JSON number whatever CLR type backs the node (parsed JSON or an int set in code).</summary>
    /// <param name="node">The number node.</param>
    /// <returns>The value.</returns>
    internal static decimal Number(JsonNode node) => decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '\'')
            {
                var sb = new StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw Error("unterminated string literal");
                    }

                    if (text[i] == '\'' && (i + 1 >= text.Length || text[i + 1] != '\''))
                    {
                        i++;
                        break;
                    }

                    if (text[i] == '\'')
                    {
                        sb.Append('\'');
                        i++;
                    }

                    sb.Append(text[i++]);
                }

                tokens.Add(sb.Append('\'').ToString());
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')')
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private static DataverseApiException Error(string what) =>
        new(400, "0x80060888", $"The query parameter $filter is not supported or invalid: {what}.");
}
