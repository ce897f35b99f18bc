using System.Text.Json.Nodes;
using CrmBridge.Mappings.Loading;

namespace CrmBridge.Mappings.Compilation;

/// <summary>Target field checks: duplicates, value/object clashes, and <c>owns</c>.</summary>
internal sealed partial class MappingCompiler
{
    private IReadOnlyList<string> ReadOwns(JsonObject root) =>
        root["owns"] is JsonArray owns
            ? owns.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>().ToArray()
            : [];

    private static bool IsOwned(IReadOnlyList<string> owns, string target) =>
        owns.Count == 0 || owns.Any(o => o == target || target.StartsWith(o + ".", StringComparison.Ordinal));

    private void CheckTargets(JsonObject root, string? keyTarget)
    {
        var targets = new List<(string Name, string Pointer)>();
        if (keyTarget is not null)
        {
            targets.Add((keyTarget, "/key/target"));
        }

        CheckTargetNames(targets, root, string.Empty);
    }

    private void CheckTargetNames(List<(string Name, string Pointer)> targets, JsonObject scope, string pointer)
    {
        foreach (var section in new[] { "fields", "collections" })
        {
            if (scope[section] is JsonObject rules)
            {
                targets.AddRange(rules.Select(r => (r.Key, SourceMap.Child(SourceMap.Child(pointer, section), r.Key))));
            }
        }

        for (var i = 0; i < targets.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var (a, b) = (targets[j].Name, targets[i].Name);
                if (a == b)
                {
                    Error(targets[i].Pointer, $"duplicate target field '{b}' (also written at line {_map.LineOf(targets[j].Pointer)})");
                }
                else if (b.StartsWith(a + ".", StringComparison.Ordinal) || a.StartsWith(b + ".", StringComparison.Ordinal))
                {
                    Error(targets[i].Pointer, $"target field '{b}' clashes with '{a}' (line {_map.LineOf(targets[j].Pointer)}): one would be a value and an object at once");
                }
            }
        }

        if (scope["collections"] is JsonObject collections)
        {
            foreach (var (name, node) in collections)
            {
                if (node is JsonObject collection)
                {
                    CheckTargetNames([], collection, SourceMap.Child(SourceMap.Child(pointer, "collections"), name));
                }
            }
        }
    }

    private void CheckOwns(JsonObject root, IReadOnlyList<string> owns)
    {
        var mapped = new List<string>();
        foreach (var section in new[] { "fields", "collections" })
        {
            if (root[section] is JsonObject rules)
            {
                mapped.AddRange(rules.Select(r => r.Key));
            }
        }

        for (var i = 0; i < owns.Count; i++)
        {
            var owned = owns[i];
            if (!mapped.Any(m => m == owned || m.StartsWith(owned + ".", StringComparison.Ordinal)))
            {
                Error($"/owns/{i}", $"'{owned}' is not a mapped field or collection: owns may only name fields this mapping writes");
            }
        }
    }
}
