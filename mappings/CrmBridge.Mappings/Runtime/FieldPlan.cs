using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>A compiled field rule: read (from / coalesce / concat / value), optional when/else, then the transforms.</summary>
internal sealed class FieldPlan
{
    public required TargetPath Target { get; init; }

    /// <summary>Gets the source path(s) named in errors, or null for constants.</summary>
    public string? SourceText { get; init; }

    public required Func<JsonObject, Cell> Read { get; init; }

    public Condition? When { get; init; }

    /// <summary>Gets the constant written when <see cref="When"/> does not hold (missing = leave the field out).</summary>
    public Cell Else { get; init; }

    public Cell Default { get; init; }

    public bool Required { get; init; }

    /// <summary>Gets a value indicating whether empty text becomes null (number, date, boolean and lookup rules).</summary>
    public bool Typed { get; init; }

    public required Transform[] Before { get; init; }

    public required Transform[] After { get; init; }

    public void Apply(JsonObject source, JsonObject target, MapRun run)
    {
        if (When is not null && !When.Test(source))
        {
            if (Else.Kind != CellKind.Missing)
            {
                Target.Write(target, Else.ToNode());
            }

            return;
        }

        var cell = Read(source);
        if (!Run(Before, ref cell, run))
        {
            return;
        }

        var empty = cell.IsEmpty;
        if (empty && Default.Kind != CellKind.Missing)
        {
            cell = Default;
            empty = cell.IsEmpty;
        }

        if (empty)
        {
            if (Required)
            {
                run.Error(Target.Text, SourceText, "REQUIRED", cell.Kind == CellKind.Missing ? "a value is required but the source field is missing" : "a value is required but the source value is empty");
            }
            else if (cell.Kind != CellKind.Missing)
            {
                Target.Write(target, Typed ? null : cell.ToNode());
            }

            return;
        }

        if (Run(After, ref cell, run))
        {
            Target.Write(target, cell.ToNode());
        }
    }

    private bool Run(Transform[] transforms, ref Cell cell, MapRun run)
    {
        foreach (var transform in transforms)
        {
            if (!transform(ref cell, run, this))
            {
                return false;
            }
        }

        return true;
    }
}
