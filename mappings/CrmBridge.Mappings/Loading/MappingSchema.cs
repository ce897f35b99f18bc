using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CrmBridge.Mappings.Loading;

/// <summary>Validates mapping documents against the embedded <c>mapping.schema.json</c> (draft 2020-12).</summary>
internal static class MappingSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Gets the schema text (what <c>mappings/mapping.schema.json</c> holds).</summary>
    public static string Text { get; } = ReadText();

    public static void Validate(JsonNode root, SourceMap map, List<MappingDiagnostic> diagnostics)
    {
        var element = JsonSerializer.SerializeToElement(root);
        var results = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detail in results.Details ?? [])
        {
            if (detail.IsValid || detail.Errors is null)
            {
                continue;
            }

            var pointer = detail.InstanceLocation.ToString();
            foreach (var (keyword, message) in detail.Errors)
            {
                var diagnostic = map.Diagnostic(pointer, Explain(keyword, message, pointer, detail.SchemaLocation));
                if (seen.Add(diagnostic.ToString()))
                {
                    diagnostics.Add(diagnostic);
                }
            }
        }
    }

    // The validator words a closed object's extra key as a failing "false" schema; say what admins need to know.
    private static string Explain(string keyword, string message, string pointer, Uri schemaLocation)
    {
        if (keyword == "enum" && SchemaNode.Value is { } schema && Resolve(schema, schemaLocation.Fragment)?["enum"] is JsonArray allowed)
        {
            return "must be one of: " + string.Join(", ", allowed.Select(v => v?.ToString() ?? "null"));
        }

        if (keyword is "false" or "additionalProperties" || message.Contains("false schema", StringComparison.OrdinalIgnoreCase))
        {
            var name = pointer[(pointer.LastIndexOf('/') + 1)..];
            return $"unknown rule '{name}' (see docs/mappings.md for the rules allowed here)";
        }

        return message;
    }

    private static readonly Lazy<JsonNode?> SchemaNode = new(() => JsonNode.Parse(Text));

    private static JsonNode? Resolve(JsonNode root, string fragment)
    {
        JsonNode? current = root;
        foreach (var segment in Uri.UnescapeDataString(fragment.TrimStart('#')).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current is JsonObject obj ? obj[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)] : null;
        }

        return current;
    }

    private static string ReadText()
    {
        using var stream = typeof(MappingSchema).Assembly.GetManifestResourceStream("CrmBridge.Mappings.mapping.schema.json")
            ?? throw new InvalidOperationException("mapping.schema.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonSchema Load() => JsonSchema.FromText(Text);
}
