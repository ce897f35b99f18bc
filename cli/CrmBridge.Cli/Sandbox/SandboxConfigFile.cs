using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Cli.Sandbox;

/// <summary>Writes flat configuration entries (<c>Section:Key</c>) as the nested JSON <c>crmbridge run --config</c> reads.</summary>
internal static class SandboxConfigFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the JSON document; objects whose keys are 0, 1, 2… become arrays (poll targets).</summary>
    /// <param name="values">The entries.</param>
    /// <returns>The document.</returns>
    public static JsonObject ToJson(IEnumerable<KeyValuePair<string, string?>> values)
    {
        var root = new JsonObject();
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value;
        }

        return (JsonObject)Arrays(root)!;
    }

    /// <summary>Writes the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="values">The entries.</param>
    public static void Write(string path, IEnumerable<KeyValuePair<string, string?>> values)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, ToJson(values).ToJsonString(Indented));
    }

    private static JsonNode? Arrays(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return node;
        }

        var children = obj.Select(p => (p.Key, Value: Arrays(p.Value?.DeepClone()))).ToList();
        var indexes = children.Select(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList();
        var isList = children.Count > 0 && indexes.Order().SequenceEqual(Enumerable.Range(0, children.Count));
        return isList
            ? new JsonArray([.. children.Zip(indexes).OrderBy(c => c.Second).Select(c => c.First.Value)])
            : new JsonObject(children.Select(c => KeyValuePair.Create(c.Key, c.Value)));
    }
}
