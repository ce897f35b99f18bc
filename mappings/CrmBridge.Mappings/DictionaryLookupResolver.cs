using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings;

/// <summary>
/// An <see cref="ILookupResolver"/> over an in-memory table, shaped like the CLI's LOOKUPS.json:
/// <c>{ "customer": { "5725767000000111": "C-001" } }</c>. Used by dry-runs and tests.
/// </summary>
public sealed class DictionaryLookupResolver : ILookupResolver
{
    private readonly Dictionary<string, Dictionary<string, string>> _tables;

    /// <summary>Initializes a new instance of the <see cref="DictionaryLookupResolver"/> class.</summary>
    /// <param name="tables">lookup name → (source id → target id).</param>
    public DictionaryLookupResolver(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? tables = null) =>
        _tables = (tables ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
            .ToDictionary(t => t.Key, t => t.Value.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Gets an empty resolver (every lookup is missing).</summary>
    public static DictionaryLookupResolver Empty { get; } = new();

    /// <summary>Reads a LOOKUPS.json document.</summary>
    /// <param name="json">The document: an object of lookup name → object of source id → target id (text or number).</param>
    /// <returns>The resolver.</returns>
    /// <exception cref="FormatException">The document does not have that shape.</exception>
    public static DictionaryLookupResolver FromJson(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject root)
        {
            throw new FormatException("the lookups file must be a JSON object: { \"<lookup>\": { \"<source id>\": \"<target id>\" } }");
        }

        var tables = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, node) in root)
        {
            if (node is not JsonObject table)
            {
                throw new FormatException($"lookup '{name}' must be an object of source id -> target id");
            }

            tables[name] = table.ToDictionary(
                e => e.Key,
                e => e.Value is JsonValue v ? (v.TryGetValue(out string? s) ? s : v.ToJsonString()) : throw new FormatException($"lookup '{name}', id '{e.Key}': the target id must be text or a number"),
                StringComparer.Ordinal);
        }

        return new DictionaryLookupResolver(tables);
    }

    /// <inheritdoc />
    public bool TryResolve(string lookup, string sourceId, [NotNullWhen(true)] out string? targetId)
    {
        targetId = null;
        return _tables.TryGetValue(lookup, out var table) && table.TryGetValue(sourceId, out targetId);
    }
}
