using System.Text.Json.Nodes;
using CrmBridge.Mappings.Loading;
using CrmBridge.Mappings.Runtime;

namespace CrmBridge.Mappings.Compilation;

/// <summary>Compiles field rules and collections.</summary>
internal sealed partial class MappingCompiler
{
    private static readonly string[] ValueSources = ["from", "coalesce", "concat", "value"];

    private FieldPlan[] CompileFields(JsonObject? fields, string pointer, IReadOnlyList<string> owns, string? keyTarget)
    {
        if (fields is null)
        {
            return [];
        }

        var plans = new List<FieldPlan>();
        foreach (var (name, node) in fields)
        {
            var plan = CompileField(name, node as JsonObject, SourceMap.Child(pointer, name));
            if (plan is not null && IsOwned(owns, name) && name != keyTarget)
            {
                plans.Add(plan);
            }
        }

        return [.. plans];
    }

    private CollectionPlan[] CompileCollections(JsonObject? collections, string pointer, IReadOnlyList<string> owns)
    {
        if (collections is null)
        {
            return [];
        }

        var plans = new List<CollectionPlan>();
        foreach (var (name, node) in collections)
        {
            var at = SourceMap.Child(pointer, name);
            if (node is not JsonObject collection || Text(collection, "from") is not { } from)
            {
                continue;
            }

            var source = Source(from);
            _collectionDepth++;
            var plan = new CollectionPlan
            {
                Target = new TargetPath(name),
                Source = source,
                Filter = CompileConditions(collection["filter"], SourceMap.Child(at, "filter")),
                Fields = CompileFields(collection["fields"] as JsonObject, SourceMap.Child(at, "fields"), [], null),
                Collections = CompileCollections(collection["collections"] as JsonObject, SourceMap.Child(at, "collections"), []),
            };
            _collectionDepth--;
            if (IsOwned(owns, name))
            {
                plans.Add(plan);
            }
        }

        return [.. plans];
    }

    private FieldPlan? CompileField(string name, JsonObject? rule, string pointer)
    {
        if (rule is null)
        {
            return null;
        }

        var errors = _diagnostics.Count;
        var sources = ValueSources.Where(rule.ContainsKey).ToArray();
        if (sources.Length == 0)
        {
            Error(pointer, "a field rule needs one value source: from, coalesce, concat or value");
        }
        else if (sources.Length > 1)
        {
            Error(SourceMap.Child(pointer, sources[1]), $"conflicting rules: {string.Join(" and ", sources)} — use one value source per field");
        }

        Requires(rule, pointer, "else", "when");
        Requires(rule, pointer, "otherwise", "map");
        Conflicts(rule, pointer, ["number", "date", "boolean"]);
        Conflicts(rule, pointer, ["lookup", "number"]);
        Conflicts(rule, pointer, ["lookup", "date"]);
        Conflicts(rule, pointer, ["lookup", "boolean"]);
        Conflicts(rule, pointer, ["date", "format"]);
        Conflicts(rule, pointer, ["boolean", "format"]);

        var when = rule.ContainsKey("when") ? CompileCondition(rule["when"], SourceMap.Child(pointer, "when")) : null;
        var (read, sourceText) = sources.Length == 1 ? CompileRead(sources[0], rule[sources[0]], SourceMap.Child(pointer, sources[0])) : (null, null);
        var before = CompileBefore(rule, pointer);
        var after = CompileAfter(rule, pointer);
        if (_diagnostics.Count > errors || read is null)
        {
            return null;
        }

        return new FieldPlan
        {
            Target = new TargetPath(name),
            SourceText = sourceText,
            Read = read,
            When = when,
            Else = rule.TryGetPropertyValue("else", out var otherwise) ? Cell.FromNode(otherwise?.DeepClone()) : Cell.Missing,
            Default = rule.TryGetPropertyValue("default", out var fallback) ? Cell.FromNode(fallback?.DeepClone()) : Cell.Missing,
            Required = rule["required"] is JsonValue r && r.TryGetValue(out bool required) && required,
            Typed = new[] { "number", "date", "boolean", "lookup" }.Any(rule.ContainsKey),
            Before = before,
            After = after,
        };
    }

    private (Func<JsonObject, Cell>? Read, string? SourceText) CompileRead(string kind, JsonNode? node, string pointer)
    {
        switch (kind)
        {
            case "from" when node is JsonValue v && v.TryGetValue(out string? from):
                return (Source(from).Read, from);
            case "coalesce" when node is JsonArray list:
                var paths = list.OfType<JsonValue>().Select(p => p.TryGetValue(out string? s) ? Source(s) : null).OfType<SourcePath>().ToArray();
                return (source => Coalesce(paths, source), string.Join(" | ", paths.Select(p => p.Text)));
            case "concat" when node is JsonArray parts:
                return CompileConcat(parts, pointer);
            case "value":
                var constant = Cell.FromNode(node?.DeepClone());
                return (_ => constant, null);
            default:
                return (null, null);
        }
    }

    private static Cell Coalesce(SourcePath[] paths, JsonObject source)
    {
        var result = Cell.Missing;
        foreach (var path in paths)
        {
            var cell = path.Read(source);
            if (!cell.IsEmpty)
            {
                return cell;
            }

            result = cell.Kind == CellKind.Missing ? result : cell;
        }

        return result;
    }

    private void Requires(JsonObject rule, string pointer, string name, string needed)
    {
        if (rule.ContainsKey(name) && !rule.ContainsKey(needed))
        {
            Error(SourceMap.Child(pointer, name), $"'{name}' only makes sense together with '{needed}'");
        }
    }

    private void Conflicts(JsonObject rule, string pointer, string[] names)
    {
        var present = names.Where(rule.ContainsKey).ToArray();
        if (present.Length > 1)
        {
            Error(SourceMap.Child(pointer, present[1]), $"conflicting rules: {string.Join(" and ", present)} cannot be combined on one field");
        }
    }
}
