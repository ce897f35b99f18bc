using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>A compiled child collection: source array → target array, each item mapped by its own rules.</summary>
internal sealed class CollectionPlan
{
    public required TargetPath Target { get; init; }

    public required SourcePath Source { get; init; }

    public required Condition[] Filter { get; init; }

    public required FieldPlan[] Fields { get; init; }

    public required CollectionPlan[] Collections { get; init; }

    public void Apply(JsonObject source, JsonObject target, MapRun run)
    {
        var cell = Source.Read(source);
        if (cell.Kind is CellKind.Missing or CellKind.Null)
        {
            return;
        }

        if (cell.Node is not JsonArray items)
        {
            run.Error(Target.Text, Source.Text, "NOT_AN_ARRAY", "the source value is not a list of items");
            return;
        }

        var output = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                run.Error($"{Target.Text}[{i}]", $"{Source.Text}[{i}]", "NOT_AN_OBJECT", "the item is not an object");
                continue;
            }

            if (!Passes(item))
            {
                continue;
            }

            run.Enter(this, i);
            output.Add(MapItem(item, run));
            run.Leave();
        }

        Target.Write(target, output);
    }

    private bool Passes(JsonObject item)
    {
        foreach (var condition in Filter)
        {
            if (!condition.Test(item))
            {
                return false;
            }
        }

        return true;
    }

    private JsonObject MapItem(JsonObject item, MapRun run)
    {
        var mapped = new JsonObject();
        foreach (var field in Fields)
        {
            field.Apply(item, mapped, run);
        }

        foreach (var collection in Collections)
        {
            collection.Apply(item, mapped, run);
        }

        return mapped;
    }
}
