using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>Builds the compiled transforms; each closure holds its pre-parsed settings.</summary>
internal static partial class Transforms
{
    public static Transform Trim() => static (ref Cell cell, MapRun _, FieldPlan _) =>
    {
        if (IsText(cell) && cell.TryGetText(out var text))
        {
            cell = Cell.FromText(text.Trim());
        }

        return true;
    };

    public static Transform Case(string mode)
    {
        Func<string, string> change = mode switch
        {
            "upper" => static s => s.ToUpperInvariant(),
            "lower" => static s => s.ToLowerInvariant(),
            _ => static s => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s.ToLowerInvariant()),
        };
        return (ref Cell cell, MapRun _, FieldPlan _) =>
        {
            if (!cell.IsEmpty && IsText(cell) && cell.TryGetText(out var text))
            {
                cell = Cell.FromText(change(text));
            }

            return true;
        };
    }

    public static Transform Split(string separator, int take) => (ref Cell cell, MapRun _, FieldPlan _) =>
    {
        if (cell.IsEmpty || !cell.TryGetText(out var text))
        {
            return true;
        }

        var parts = text.Split(separator);
        var index = take < 0 ? parts.Length + take : take;
        cell = index >= 0 && index < parts.Length ? Cell.FromText(parts[index]) : Cell.Null;
        return true;
    };

    public static Transform Map(Dictionary<string, JsonNode?> map, bool hasOtherwise, JsonNode? otherwise) => (ref Cell cell, MapRun run, FieldPlan field) =>
    {
        if (cell.TryGetText(out var key) && map.TryGetValue(key, out var mapped))
        {
            cell = Cell.FromNode(mapped);
            return true;
        }

        if (hasOtherwise)
        {
            cell = Cell.FromNode(otherwise);
            return true;
        }

        run.Error(field.Target.Text, field.SourceText, "NOT_IN_MAP", IsScalar(cell)
            ? "the source value is not in the value map (add it to map: or set otherwise:)"
            : "the source value is an object or list, not a plain value the map can translate");
        return false;
    };

    public static Transform Number(int? decimals, MidpointRounding rounding, decimal? multiply) => (ref Cell cell, MapRun run, FieldPlan field) =>
    {
        if (!cell.TryGetNumber(out var number) || cell.Kind == CellKind.Boolean || IsJsonBoolean(cell))
        {
            run.Error(field.Target.Text, field.SourceText, "NOT_A_NUMBER", "the source value is not a number");
            return false;
        }

        try
        {
            if (multiply is { } factor)
            {
                number *= factor;
            }

            if (decimals is { } places)
            {
                number = Math.Round(number, places, rounding);
            }
        }
        catch (OverflowException)
        {
            run.Error(field.Target.Text, field.SourceText, "NOT_A_NUMBER", "the number is out of range");
            return false;
        }

        cell = Cell.FromNumber(number);
        return true;
    };

    public static Transform Boolean() => static (ref Cell cell, MapRun run, FieldPlan field) =>
    {
        if (cell.TryGetText(out var text))
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "true" or "yes" or "y" or "1" or "on":
                    cell = Cell.FromBoolean(true);
                    return true;
                case "false" or "no" or "n" or "0" or "off":
                    cell = Cell.FromBoolean(false);
                    return true;
            }
        }

        run.Error(field.Target.Text, field.SourceText, "NOT_A_BOOLEAN", "the source value is not true/false, yes/no or 1/0");
        return false;
    };

    public static Transform Lookup(string name) => (ref Cell cell, MapRun run, FieldPlan field) =>
    {
        if (!IsScalar(cell) || !cell.TryGetText(out var id))
        {
            run.Error(field.Target.Text, field.SourceText, "BAD_LOOKUP_ID", "the lookup id is not a plain value (point from: at the id, e.g. Account_Name.id)");
            return false;
        }

        if (run.Lookups.TryResolve(name, id, out var targetId))
        {
            cell = Cell.FromText(targetId);
            return true;
        }

        run.MissingLookup(name, id, field.Target.Text);
        return false;
    };

    private static bool IsText(in Cell cell) =>
        cell.Kind == CellKind.Text || (cell.Kind == CellKind.Node && cell.Node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String);

    private static bool IsScalar(in Cell cell) => cell.Kind != CellKind.Node || cell.Node is JsonValue;

    private static bool IsJsonBoolean(in Cell cell) =>
        cell.Kind == CellKind.Node && cell.Node is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False;
}
