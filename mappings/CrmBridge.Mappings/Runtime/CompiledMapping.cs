using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings.Runtime;

/// <summary>One mapping file compiled to delegates; applying it does no parsing or reflection.</summary>
internal sealed class CompiledMapping
{
    public required SyncRoute Route { get; init; }

    public required string File { get; init; }

    public required SourcePath Key { get; init; }

    public required TargetPath TargetKey { get; init; }

    public required Condition[] Filter { get; init; }

    public required FieldPlan[] Fields { get; init; }

    public required CollectionPlan[] Collections { get; init; }

    /// <summary>Gets the record-level source paths the filter and the rules read (key and version excluded), sorted.</summary>
    public IReadOnlyList<string> SourceFields { get; init; } = [];

    public MapResult Apply(JsonObject source, ILookupResolver lookups)
    {
        foreach (var condition in Filter)
        {
            if (!condition.Test(source))
            {
                return MapResult.Filtered(condition.Text);
            }
        }

        var run = new MapRun(lookups);
        var target = new JsonObject();
        var key = Key.Read(source);
        if (!key.IsEmpty && key.TryGetText(out var keyText))
        {
            TargetKey.Write(target, JsonValue.Create(keyText));
        }
        else
        {
            run.Error(TargetKey.Text, Key.Text, "REQUIRED", "the record id (key.source) is missing, empty or not a plain value");
        }

        foreach (var field in Fields)
        {
            field.Apply(source, target, run);
        }

        foreach (var collection in Collections)
        {
            collection.Apply(source, target, run);
        }

        if (run.Errors is { Count: > 0 } errors)
        {
            return MapResult.Failed(errors, run.Missing);
        }

        return run.Missing is { Count: > 0 } missing ? MapResult.Missing(missing) : MapResult.Mapped(target);
    }
}
