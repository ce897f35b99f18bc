using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Mappings.Loading;
using CrmBridge.Mappings.Runtime;

namespace CrmBridge.Mappings.Compilation;

/// <summary>Compiles filter and when conditions.</summary>
internal sealed partial class MappingCompiler
{
    private static readonly string[] Operators = ["eq", "equals", "ne", "in", "notIn", "gt", "gte", "lt", "lte", "exists"];

    private Condition[] CompileConditions(JsonNode? node, string pointer)
    {
        if (node is not JsonArray list)
        {
            return [];
        }

        var conditions = new List<Condition>();
        for (var i = 0; i < list.Count; i++)
        {
            if (CompileCondition(list[i], $"{pointer}/{i}") is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return [.. conditions];
    }

    private Condition? CompileCondition(JsonNode? node, string pointer)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        var groups = new[] { "all", "any", "not" }.Where(obj.ContainsKey).ToArray();
        var ops = Operators.Where(obj.ContainsKey).ToArray();
        var field = Text(obj, "field");
        if (groups.Length + ops.Length != 1)
        {
            Error(pointer, groups.Length + ops.Length == 0
                ? "a condition needs one operator (eq, ne, in, notIn, gt, gte, lt, lte, exists) or all/any/not"
                : $"conflicting operators {string.Join(", ", groups.Concat(ops))}: use one per condition (nest them with all/any)");
            return null;
        }

        if (groups.Length == 1)
        {
            if (field is not null)
            {
                Error(SourceMap.Child(pointer, "field"), $"'{groups[0]}' combines nested conditions and takes no field");
            }

            return CompileGroup(groups[0], obj[groups[0]], SourceMap.Child(pointer, groups[0]));
        }

        if (field is null)
        {
            Error(pointer, $"'{ops[0]}' needs a field: the source path to test");
            return null;
        }

        return CompileTest(Source(field), ops[0], obj[ops[0]], SourceMap.Child(pointer, ops[0]));
    }

    private Condition? CompileGroup(string kind, JsonNode? node, string pointer)
    {
        if (kind == "not")
        {
            var inner = CompileCondition(node, pointer);
            return inner is null ? null : new Condition(s => !inner.Test(s), $"not ({inner.Text})");
        }

        var parts = CompileConditions(node, pointer);
        if (parts.Length == 0)
        {
            Error(pointer, $"'{kind}' needs at least one condition");
            return null;
        }

        var text = $"{kind} of ({string.Join("; ", parts.Select(p => p.Text))})";
        return kind == "all"
            ? new Condition(s => parts.All(p => p.Test(s)), text)
            : new Condition(s => parts.Any(p => p.Test(s)), text);
    }

    private Condition? CompileTest(SourcePath path, string op, JsonNode? expected, string pointer)
    {
        var text = $"{path.Text} {(op == "equals" ? "eq" : op)} {Render(expected)}";
        switch (op)
        {
            case "eq" or "equals":
                return new Condition(s => JsonValues.ScalarEquals(Actual(path, s), expected), text);
            case "ne":
                return new Condition(s => !JsonValues.ScalarEquals(Actual(path, s), expected), text);
            case "in" or "notIn":
                var values = expected is JsonArray array ? array.ToArray() : [];
                var negate = op == "notIn";
                return new Condition(s => values.Any(v => JsonValues.ScalarEquals(Actual(path, s), v)) != negate, text);
            case "exists":
                var want = expected is JsonValue flag && flag.TryGetValue(out bool b) && b;
                return new Condition(s => !path.Read(s).IsEmpty == want, text);
            default:
                return CompileComparison(path, op, expected, pointer, text);
        }
    }

    private Condition? CompileComparison(SourcePath path, string op, JsonNode? expected, string pointer, string text)
    {
        if (expected is not JsonValue value || value.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String))
        {
            Error(pointer, $"'{op}' needs a number, a date or a text to compare with");
            return null;
        }

        Func<int, bool> accept = op switch { "gt" => c => c > 0, "gte" => c => c >= 0, "lt" => c => c < 0, _ => c => c <= 0 };
        var expectedCell = Cell.FromNode(value);
        var hasNumber = JsonValues.TryGetNumber(value, out var number);
        var date = default(DateTimeOffset);
        var hasDate = !hasNumber && DateValues.TryParse(expectedCell, TimeZoneInfo.Utc, out date);
        expectedCell.TryGetText(out var expectedText);
        return new Condition(s => Compare(path.Read(s), hasNumber, number, hasDate, date, expectedText) is { } c && accept(c), text);
    }

    private static int? Compare(Cell actual, bool hasNumber, decimal number, bool hasDate, DateTimeOffset date, string text)
    {
        if (actual.IsEmpty)
        {
            return null;
        }

        if (hasNumber)
        {
            return actual.TryGetNumber(out var n) ? n.CompareTo(number) : null;
        }

        if (hasDate)
        {
            return DateValues.TryParse(actual, TimeZoneInfo.Utc, out var d) ? d.CompareTo(date) : null;
        }

        return actual.TryGetText(out var t) ? string.CompareOrdinal(t, text) : null;
    }

    private static JsonNode? Actual(SourcePath path, JsonObject source) => path.Read(source).Node;

    private static string Render(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray array => "[" + string.Join(", ", array.Select(Render)) + "]",
        JsonValue value when value.TryGetValue(out string? s) => s,
        _ => node.ToJsonString(),
    };
}
