using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>
/// The COQL subset the emulator understands: <c>select f1, f2 from Module where c1 and c2 … [order by f [asc|desc], …]
/// [limit [offset,] n]</c>, comparisons <c>= != &gt; &gt;= &lt; &lt;=</c> and <c>is [not] null</c>, joined by <c>and</c>.
/// Date-times compare as instants, ids and numbers numerically. Anything else is a <c>SYNTAX_ERROR</c>.
/// </summary>
internal sealed partial class ZohoCoqlQuery
{
    public required IReadOnlyList<string> Fields { get; init; }

    public required string Module { get; init; }

    public required IReadOnlyList<ZohoCoqlCondition> Where { get; init; }

    public IReadOnlyList<(string Field, bool Descending)> OrderBy { get; init; } = [];

    public int Offset { get; init; }

    public int Limit { get; init; } = 200;

    public static ZohoCoqlQuery? TryParse(string text, out string error)
    {
        var match = QueryPattern().Match(text.Trim());
        if (!match.Success)
        {
            error = "select, from and where clauses are required";
            return null;
        }

        var conditions = new List<ZohoCoqlCondition>();
        foreach (var part in AndPattern().Split(match.Groups["where"].Value))
        {
            var c = ConditionPattern().Match(part.Trim());
            if (!c.Success)
            {
                error = $"unsupported condition near '{part.Trim()}'";
                return null;
            }

            var op = c.Groups["op"].Value.ToLowerInvariant().Replace("  ", " ", StringComparison.Ordinal);
            var value = c.Groups["str"].Success ? c.Groups["str"].Value.Replace("\\'", "'", StringComparison.Ordinal) : c.Groups["num"].Success ? c.Groups["num"].Value : null;
            conditions.Add(new ZohoCoqlCondition(c.Groups["field"].Value, op, value));
        }

        var order = new List<(string, bool)>();
        if (match.Groups["order"].Success)
        {
            foreach (var item in match.Groups["order"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var bits = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                order.Add((bits[0], bits.Length > 1 && bits[1].Equals("desc", StringComparison.OrdinalIgnoreCase)));
            }
        }

        var offset = match.Groups["offset"].Success ? int.Parse(match.Groups["offset"].Value, CultureInfo.InvariantCulture) : 0;
        var limit = match.Groups["limit"].Success ? int.Parse(match.Groups["limit"].Value, CultureInfo.InvariantCulture) : 200;
        if (limit is < 1 or > 2000)
        {
            error = "limit must be between 1 and 2000";
            return null;
        }

        error = string.Empty;
        return new ZohoCoqlQuery
        {
            Fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Module = match.Groups["module"].Value,
            Where = conditions,
            OrderBy = order,
            Offset = offset,
            Limit = limit,
        };
    }

    public bool Matches(JsonObject record) => Where.All(c => Test(record[c.Field], c));

    public int Compare(JsonObject a, JsonObject b)
    {
        foreach (var (field, descending) in OrderBy)
        {
            var result = CompareValues(a[field]?.ToString(), b[field]?.ToString());
            if (result != 0)
            {
                return descending ? -result : result;
            }
        }

        return 0;
    }

    private static bool Test(JsonNode? node, ZohoCoqlCondition condition)
    {
        var actual = node is JsonObject lookup ? lookup["id"]?.ToString() : node?.ToString();
        if (condition.Operator is "is null" or "is not null")
        {
            return (string.IsNullOrEmpty(actual)) == (condition.Operator == "is null");
        }

        if (actual is null)
        {
            return false;
        }

        var cmp = CompareValues(actual, condition.Value);
        return condition.Operator switch
        {
            "=" => cmp == 0,
            "!=" => cmp != 0,
            ">" => cmp > 0,
            ">=" => cmp >= 0,
            "<" => cmp < 0,
            _ => cmp <= 0,
        };
    }

    private static int CompareValues(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        if (long.TryParse(a, CultureInfo.InvariantCulture, out var la) && long.TryParse(b, CultureInfo.InvariantCulture, out var lb))
        {
            return la.CompareTo(lb);
        }

        if (a.Length >= 19 && b.Length >= 19
            && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da)
            && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db))
        {
            return da.CompareTo(db);
        }

        return string.CompareOrdinal(a, b);
    }

    [GeneratedRegex(@"^select\s+(?<fields>.+?)\s+from\s+(?<module>\w+)\s+where\s+(?<where>.+?)(?:\s+order\s+by\s+(?<order>.+?))?(?:\s+limit\s+(?:(?<offset>\d+)\s*,\s*)?(?<limit>\d+))?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex QueryPattern();

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndPattern();

    [GeneratedRegex(@"^\(?\s*(?<field>[\w.]+)\s*(?<op>>=|<=|!=|=|>|<|is\s+not\s+null|is\s+null)\s*(?:'(?<str>(?:[^'\\]|\\.)*)'|(?<num>-?\d+(?:\.\d+)?))?\s*\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionPattern();
}
