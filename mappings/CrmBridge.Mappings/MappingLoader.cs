using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Mappings.Compilation;
using CrmBridge.Mappings.Loading;
using CrmBridge.Mappings.Runtime;

namespace CrmBridge.Mappings;

/// <summary>
/// Loads mapping files: YAML → schema check → semantic check → compiled delegates. Every problem of every file is
/// reported at once. A <c>lookups.yaml</c> (or <c>.yml</c>) in a folder declares lookups every mapping in that folder sees.
/// </summary>
public static class MappingLoader
{
    /// <summary>The file name of a folder's shared lookups.</summary>
    public const string LookupsFileName = "lookups.yaml";

    /// <summary>Loads every <c>*.yaml</c>/<c>*.yml</c> under a directory, recursively (skipping bin, obj and dot folders).</summary>
    /// <param name="directory">The mappings directory.</param>
    /// <returns>The compiled set, or every diagnostic.</returns>
    public static MappingLoadResult LoadDirectory(string directory) => LoadPaths([directory]);

    /// <summary>Loads files and directories (directories recursively).</summary>
    /// <param name="paths">Mapping files or directories.</param>
    /// <returns>The compiled set, or every diagnostic (a missing path is a diagnostic too).</returns>
    public static MappingLoadResult LoadPaths(IEnumerable<string> paths)
    {
        var diagnostics = new List<MappingDiagnostic>();
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(EnumerateYaml(path));
            }
            else if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else
            {
                diagnostics.Add(new MappingDiagnostic(Display(path), 0, string.Empty, "no such file or directory"));
            }
        }

        var sources = new List<(string, string, string)>();
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            if (TryRead(file, diagnostics) is { } text)
            {
                sources.Add((Display(file), text, Path.GetDirectoryName(file)!));
            }
        }

        var shared = new Dictionary<string, IReadOnlyDictionary<string, LookupDefinition>>(StringComparer.Ordinal);
        foreach (var folder in sources.Select(s => s.Item3).Distinct(StringComparer.Ordinal))
        {
            shared[folder] = LoadSharedLookups(folder, diagnostics);
        }

        var mappings = sources.Where(s => !IsLookupsFile(s.Item1)).Select(s => (s.Item1, s.Item2, shared[s.Item3]));
        return Compile(mappings, diagnostics, files.Select(Display).ToArray());
    }

    /// <summary>Loads one mapping from text (tests, editors, the CLI's dry-run helpers).</summary>
    /// <param name="yaml">The mapping YAML.</param>
    /// <param name="file">The file name used in diagnostics.</param>
    /// <param name="lookupsYaml">Optional shared lookups.yaml text.</param>
    /// <returns>The compiled set, or every diagnostic.</returns>
    public static MappingLoadResult LoadText(string yaml, string file = "mapping.yaml", string? lookupsYaml = null)
    {
        var diagnostics = new List<MappingDiagnostic>();
        var shared = lookupsYaml is null ? new Dictionary<string, LookupDefinition>() : ReadLookups(LookupsFileName, lookupsYaml, diagnostics);
        return Compile([(file, yaml, shared)], diagnostics, [file]);
    }

    private static MappingLoadResult Compile(IEnumerable<(string File, string Text, IReadOnlyDictionary<string, LookupDefinition> Lookups)> sources, List<MappingDiagnostic> diagnostics, IReadOnlyList<string> files)
    {
        var compiled = new List<CompiledMapping>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, text, lookups) in sources)
        {
            var map = new SourceMap(file);
            var root = YamlTreeReader.Read(text, map, diagnostics);
            if (root is not JsonObject obj)
            {
                if (root is not null || diagnostics.All(d => d.File != file))
                {
                    diagnostics.Add(new MappingDiagnostic(file, 1, string.Empty, "a mapping file must be a YAML object with mapping, source, target, key and fields"));
                }

                continue;
            }

            MappingSchema.Validate(obj, map, diagnostics);
            if (MappingCompiler.Compile(obj, map, lookups, diagnostics) is not { } mapping)
            {
                continue;
            }

            if (names.TryGetValue(mapping.Route.Name, out var other))
            {
                diagnostics.Add(map.Diagnostic("/mapping", $"duplicate mapping name '{mapping.Route.Name}' (also in {other})"));
                continue;
            }

            names[mapping.Route.Name] = file;
            compiled.Add(mapping);
        }

        // Files in the order read, each file's problems by line, so admins can fix top to bottom.
        var fileOrder = diagnostics.Select(d => d.File).Distinct(StringComparer.Ordinal).Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var ordered = diagnostics.OrderBy(d => fileOrder[d.File]).ThenBy(d => d.Line).ToArray();
        return new MappingLoadResult(ordered.Length == 0 ? new MappingSet(compiled) : null, ordered, files);
    }

    private static IReadOnlyDictionary<string, LookupDefinition> LoadSharedLookups(string folder, List<MappingDiagnostic> diagnostics)
    {
        foreach (var name in new[] { LookupsFileName, "lookups.yml" })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return TryRead(path, diagnostics) is { } text ? ReadLookups(Display(path), text, diagnostics) : [];
            }
        }

        return new Dictionary<string, LookupDefinition>();
    }

    private static Dictionary<string, LookupDefinition> ReadLookups(string file, string text, List<MappingDiagnostic> diagnostics)
    {
        var map = new SourceMap(file);
        var root = YamlTreeReader.Read(text, map, diagnostics);
        if (root is not JsonObject obj)
        {
            diagnostics.Add(new MappingDiagnostic(file, 1, string.Empty, "a lookups file must be a YAML object: lookups: { <name>: { system, entity, target: { system, entity } } }"));
            return [];
        }

        return MappingCompiler.ReadLookupsFile(obj, map, diagnostics);
    }

    private static string? TryRead(string file, List<MappingDiagnostic> diagnostics)
    {
        try
        {
            // Checked before reading, so a huge file is never loaded (YamlTreeReader checks text given directly).
            if (new FileInfo(file).Length > MappingLimits.MaxFileBytes)
            {
                diagnostics.Add(new MappingDiagnostic(Display(file), 0, string.Empty, $"the file is larger than {MappingLimits.MaxFileBytes / 1024} KiB; split it into several mapping files"));
                return null;
            }

            return File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new MappingDiagnostic(Display(file), 0, string.Empty, "cannot read the file: " + ex.Message));
            return null;
        }
    }

    private static IEnumerable<string> EnumerateYaml(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, MatchCasing = MatchCasing.CaseInsensitive };
        foreach (var file in Directory.EnumerateFiles(directory, "*", options).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                yield return Path.GetFullPath(file);
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(sub);
            if (name is "bin" or "obj" or "node_modules" || name.StartsWith('.'))
            {
                continue;
            }

            foreach (var file in EnumerateYaml(sub))
            {
                yield return file;
            }
        }
    }

    private static bool IsLookupsFile(string file) =>
        Path.GetFileName(file) is { } name && (name.Equals(LookupsFileName, StringComparison.OrdinalIgnoreCase) || name.Equals("lookups.yml", StringComparison.OrdinalIgnoreCase));

    private static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
