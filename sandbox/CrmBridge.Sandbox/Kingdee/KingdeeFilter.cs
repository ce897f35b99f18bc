using System.Globalization;
using System.Text;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>
/// The SQL-like <c>FilterString</c> K3Cloud accepts, as far as integrations use it: comparisons (<c>= &lt;&gt; != &gt; &gt;= &lt; &lt;=</c>),
/// <c>IN (…)</c>, <c>NOT IN</c>, <c>LIKE</c>, <c>AND</c>, <c>OR</c>, parentheses, quoted text (<c>''</c> escapes a quote) and numbers.
/// An unparseable filter is a MsgCode 4 (ERP-FACTS §1.3, observed). The JSON-array filter form is not emulated.
/// </summary>
internal sealed class KingdeeFilter
{
    private readonly List<string> _tokens;
    private int _at;

    private KingdeeFilter(List<string> tokens) => _tokens = tokens;

    /// <summary>Parses a filter into a predicate over a field accessor; empty text matches everything.</summary>
    /// <exception cref="FormatException">The filter is not understood.</exception>
    public static Func<Func<string, object?>, bool> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return _ => true;
        }

        var parser = new KingdeeFilter(Tokenize(text));
        var expression = parser.Or();
        if (parser._at != parser._tokens.Count)
        {
            throw new FormatException($"Unexpected '{parser._tokens[parser._at]}' in the filter.");
        }

        return expression;
    }

    /// <summary>Lists the field names a filter reads (for entry expansion).</summary>
    public static IEnumerable<string> Fields(string? text) => string.IsNullOrWhiteSpace(text)
        ? []
        : Tokenize(text).Where(t => t.Length > 0 && (char.IsLetter(t[0]) || t[0] == '_') && !IsKeyword(t));

    /// <summary>Compares two values as K3Cloud's SQL would: numbers numerically, dates by time, else text ignoring case.</summary>
    public static int Compare(object? left, object? right)
    {
        var a = Convert.ToString(left, CultureInfo.InvariantCulture);
        var b = Convert.ToString(right, CultureInfo.InvariantCulture);
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        if (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var da) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var db))
        {
            return da.CompareTo(db);
        }

        if (a.Length >= 10 && b.Length >= 10 && DateTime.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.None, out var ta) && DateTime.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.None, out var tb))
        {
            return ta.CompareTo(tb);
        }

        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsKeyword(string token) => token.ToUpperInvariant() is "AND" or "OR" or "IN" or "NOT" or "LIKE" or "NULL" or "IS";

    private Func<Func<string, object?>, bool> Or()
    {
        var left = And();
        while (Accept("OR"))
        {
            var l = left;
            var r = And();
            left = row => l(row) || r(row);
        }

        return left;
    }

    private Func<Func<string, object?>, bool> And()
    {
        var left = Factor();
        while (Accept("AND"))
        {
            var l = left;
            var r = Factor();
            left = row => l(row) && r(row);
        }

        return left;
    }

    private Func<Func<string, object?>, bool> Factor()
    {
        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        var field = Next();
        if (field.Length == 0 || !(char.IsLetter(field[0]) || field[0] == '_'))
        {
            throw new FormatException($"A field name was expected, not '{field}'.");
        }

        var negate = Accept("NOT");
        if (Accept("IN"))
        {
            Expect("(");
            var values = new List<string?> { Literal() };
            while (Accept(","))
            {
                values.Add(Literal());
            }

            Expect(")");
            return row => values.Any(v => Compare(row(field), v) == 0) != negate;
        }

        if (Accept("LIKE"))
        {
            var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(Literal() ?? string.Empty).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
            return row => System.Text.RegularExpressions.Regex.IsMatch(Convert.ToString(row(field), CultureInfo.InvariantCulture) ?? string.Empty, pattern,
                System.Text.RegularExpressions.RegexOptions.IgnoreCase) != negate;
        }

        var op = Next();
        var value = Literal();
        Func<int, bool> test = op switch
        {
            "=" => c => c == 0,
            "<>" or "!=" => c => c != 0,
            ">" => c => c > 0,
            ">=" => c => c >= 0,
            "<" => c => c < 0,
            "<=" => c => c <= 0,
            _ => throw new FormatException($"Unknown operator '{op}'."),
        };
        return row => row(field) is { } actual && test(Compare(actual, value));
    }

    private string? Literal()
    {
        var token = Next();
        if (token.StartsWith('\''))
        {
            return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (token.Equals("NULL", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? token : throw new FormatException($"A value was expected, not '{token}'.");
    }

    private bool Accept(string token)
    {
        if (_at < _tokens.Count && string.Equals(_tokens[_at], token, StringComparison.OrdinalIgnoreCase))
        {
            _at++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException($"'{token}' was expected.");
        }
    }

    private string Next() => _at < _tokens.Count ? _tokens[_at++] : throw new FormatException("The filter ended early.");

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
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
                        throw new FormatException("A quoted value is not closed.");
                    }

                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        sb.Append("''");
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        sb.Append(text[i++]);
                    }
                }

                tokens.Add(sb.Append('\'').ToString());
            }
            else if ("(),".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if ("<>=!".Contains(c, StringComparison.Ordinal))
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                var op = two is "<>" or ">=" or "<=" or "!=" ? two : c.ToString();
                tokens.Add(op);
                i += op.Length;
            }
            else
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '+'))
                {
                    i++;
                }

                if (i == start)
                {
                    throw new FormatException($"Unexpected character '{c}'.");
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}
