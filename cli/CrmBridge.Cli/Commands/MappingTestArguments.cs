using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Mappings;

namespace CrmBridge.Cli.Commands;

/// <summary>The arguments of <c>mapping test</c>, checked and read (problems here exit 2).</summary>
/// <param name="Mapping">The mapping file.</param>
/// <param name="Input">The sample record file.</param>
/// <param name="Lookups">The optional lookups file.</param>
internal sealed record MappingTestArguments(string? Mapping, string? Input, string? Lookups)
{
    public async Task<(JsonObject Record, DictionaryLookupResolver Resolver)?> PrepareAsync(TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Mapping) || string.IsNullOrEmpty(Input))
        {
            error.WriteLine("error: usage: crmbridge mapping test MAPPING.yaml --input RECORD.json [--lookups LOOKUPS.json]");
            return null;
        }

        foreach (var path in new[] { Mapping, Input, Lookups }.OfType<string>())
        {
            if (!File.Exists(path))
            {
                error.WriteLine($"error: {path}: no such file");
                return null;
            }
        }

        JsonObject? record;
        try
        {
            record = JsonNode.Parse(await File.ReadAllTextAsync(Input, cancellationToken).ConfigureAwait(false)) as JsonObject;
        }
        catch (JsonException ex)
        {
            error.WriteLine($"error: {Input}: not valid JSON: {ex.Message}");
            return null;
        }

        if (record is null)
        {
            error.WriteLine($"error: {Input}: the record must be a JSON object");
            return null;
        }

        try
        {
            var resolver = Lookups is null
                ? DictionaryLookupResolver.Empty
                : DictionaryLookupResolver.FromJson(await File.ReadAllTextAsync(Lookups, cancellationToken).ConfigureAwait(false));
            return (record, resolver);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            error.WriteLine($"error: {Lookups}: {ex.Message}");
            return null;
        }
    }
}
