using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Mappings.Loading;
using CrmBridge.Mappings.Runtime;

namespace CrmBridge.Mappings.Compilation;

/// <summary>
/// Checks a mapping document semantically and compiles it to delegates. Tolerates shapes the JSON Schema already
/// reported (wrong types are skipped, not thrown on), so one load reports schema and semantic errors together.
/// </summary>
internal sealed partial class MappingCompiler
{
    private readonly SourceMap _map;
    private readonly List<MappingDiagnostic> _diagnostics;
    private readonly Dictionary<string, LookupDefinition> _lookups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedLookups = new(StringComparer.Ordinal);
    private readonly int _errorsBefore;

    // The record-level source paths the rules read (not paths inside collection items): what a change must touch to matter.
    private readonly SortedSet<string> _sourceFields = new(StringComparer.Ordinal);
    private int _collectionDepth;

    private MappingCompiler(SourceMap map, List<MappingDiagnostic> diagnostics)
    {
        _map = map;
        _diagnostics = diagnostics;
        _errorsBefore = diagnostics.Count;
    }

    /// <summary>Compiles a mapping document; returns null when it has errors (all of them added to <paramref name="diagnostics"/>).</summary>
    public static CompiledMapping? Compile(JsonObject root, SourceMap map, IReadOnlyDictionary<string, LookupDefinition> shared, List<MappingDiagnostic> diagnostics)
    {
        var compiler = new MappingCompiler(map, diagnostics);
        foreach (var (name, definition) in shared)
        {
            compiler._lookups[name] = definition;
        }

        return compiler.CompileRoot(root);
    }

    private CompiledMapping? CompileRoot(JsonObject root)
    {
        var name = Text(root, "mapping") ?? string.Empty;
        var source = root["source"] as JsonObject;
        var target = root["target"] as JsonObject;
        var key = root["key"] as JsonObject;
        ReadLookups(root["lookups"] as JsonObject, string.Empty);

        var keySource = key is null ? null : Text(key, "source");
        var keyTarget = key is null ? null : Text(key, "target");
        var owns = ReadOwns(root);
        var filter = CompileConditions(root["filter"], "/filter");
        var fields = CompileFields(root["fields"] as JsonObject, "/fields", owns, keyTarget);
        var collections = CompileCollections(root["collections"] as JsonObject, "/collections", owns);
        CheckTargets(root, keyTarget);
        CheckOwns(root, owns);
        var syncStatus = CompileSyncStatus(root);

        if (_diagnostics.Count > _errorsBefore || source is null || target is null || keySource is null || keyTarget is null)
        {
            return null;
        }

        var route = new SyncRoute
        {
            Name = name,
            SourceSystem = Text(source, "system") ?? string.Empty,
            SourceEntity = Text(source, "entity") ?? string.Empty,
            TargetSystem = Text(target, "system") ?? string.Empty,
            TargetEntity = Text(target, "entity") ?? string.Empty,
            SourceKeyField = keySource,
            TargetKeyField = keyTarget,
            VersionField = Text(root, "version"),
            OnDelete = Text(root, "onDelete") == "delete" ? DeleteBehavior.Delete : DeleteBehavior.Ignore,
            Lookups = _usedLookups.Order(StringComparer.Ordinal).Select(n => _lookups[n]).ToArray(),
            Owns = owns,
            SyncStatus = syncStatus,
        };
        return new CompiledMapping
        {
            Route = route,
            File = _map.File,
            Key = new SourcePath(keySource),
            TargetKey = new TargetPath(keyTarget),
            Filter = filter,
            Fields = fields,
            Collections = collections,
            SourceFields = [.. _sourceFields],
        };
    }

    /// <summary>Creates a source path and remembers it when it reads the record itself (not an item of a collection).</summary>
    private SourcePath Source(string path)
    {
        if (_collectionDepth == 0)
        {
            _sourceFields.Add(path);
        }

        return new SourcePath(path);
    }

    /// <summary>Reads a <c>lookups:</c> block (from a mapping file or a shared lookups.yaml) into definitions.</summary>
    public static Dictionary<string, LookupDefinition> ReadLookupsFile(JsonObject root, SourceMap map, List<MappingDiagnostic> diagnostics)
    {
        var compiler = new MappingCompiler(map, diagnostics);
        foreach (var (name, _) in root)
        {
            if (name != "lookups" && name != "$schema")
            {
                diagnostics.Add(map.Diagnostic(SourceMap.Child(string.Empty, name), $"unknown key '{name}': a lookups file holds only 'lookups:'"));
            }
        }

        compiler.ReadLookups(root["lookups"] as JsonObject, string.Empty);
        return compiler._lookups;
    }

    private void ReadLookups(JsonObject? lookups, string pointer)
    {
        if (lookups is null)
        {
            return;
        }

        foreach (var (name, node) in lookups)
        {
            var at = SourceMap.Child(SourceMap.Child(pointer, "lookups"), name);
            if (node is not JsonObject definition || definition["target"] is not JsonObject target)
            {
                Error(at, "a lookup needs system, entity and target: { system, entity }");
                continue;
            }

            var values = new[] { Text(definition, "system"), Text(definition, "entity"), Text(target, "system"), Text(target, "entity") };
            if (values.Any(string.IsNullOrEmpty))
            {
                Error(at, "a lookup needs system, entity and target: { system, entity }");
                continue;
            }

            if (_lookups.ContainsKey(name))
            {
                Error(at, $"lookup '{name}' is already defined in the shared lookups.yaml of this folder");
                continue;
            }

            _lookups[name] = new LookupDefinition(name, values[0]!, values[1]!, values[2]!, values[3]!);
        }
    }

    private void Error(string pointer, string message) => _diagnostics.Add(_map.Diagnostic(pointer, message));

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
