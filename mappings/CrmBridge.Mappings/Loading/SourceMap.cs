namespace CrmBridge.Mappings.Loading;

/// <summary>Remembers, for every node of a loaded YAML document, its line and its readable rule path.</summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, (int Line, string Path)> _entries = new(StringComparer.Ordinal);

    public SourceMap(string file) => File = file;

    /// <summary>Gets the file name used in diagnostics.</summary>
    public string File { get; }

    public void Add(string pointer, int line, string path) => _entries[pointer] = (line, path);

    public bool Contains(string pointer) => _entries.ContainsKey(pointer);

    /// <summary>Finds the line of a JSON pointer, falling back to the nearest ancestor that is known.</summary>
    public int LineOf(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (_entries.TryGetValue(current, out var entry))
            {
                return entry.Line;
            }

            if (current.Length == 0)
            {
                return 0;
            }

            current = current[..current.LastIndexOf('/')];
        }
    }

    /// <summary>Gets the dotted rule path (<c>filter[1].gt</c>) of a JSON pointer.</summary>
    public string PathOf(string pointer) => _entries.TryGetValue(pointer, out var entry) ? entry.Path : PointerToPath(pointer);

    public MappingDiagnostic Diagnostic(string pointer, string message) => new(File, LineOf(pointer), PathOf(pointer), message);

    public static string Child(string pointer, string key) => pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string ChildPath(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string PointerToPath(string pointer)
    {
        var path = string.Empty;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path = int.TryParse(segment, out _) ? $"{path}[{segment}]" : ChildPath(path, segment);
        }

        return path;
    }
}
