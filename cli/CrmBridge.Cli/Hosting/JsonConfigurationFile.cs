using System.Text.Json;

namespace CrmBridge.Cli.Hosting;

/// <summary>Checks a JSON configuration file before the configuration system reads it, so a syntax error names the file, line and reason.</summary>
internal static class JsonConfigurationFile
{
    // As Microsoft.Extensions.Configuration.Json reads it: comments and trailing commas are allowed.
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Throws <see cref="CliException"/> when <paramref name="path"/> is not a JSON object.</summary>
    /// <param name="path">The file.</param>
    /// <param name="display">The file as the person named it.</param>
    /// <exception cref="CliException">With <c>file:line: invalid JSON: reason</c>.</exception>
    public static void Check(string path, string display)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{display}:1: the configuration must be a JSON object ({{ \"Storage\": ..., \"Connectors\": ... }}); see docs/configuration.md.");
            }
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new CliException($"{display}:{line}: invalid JSON at column {column}: {Reason(ex.Message)}. Fix the file (comments and trailing commas are allowed).");
        }
    }

    private static string Reason(string message)
    {
        // System.Text.Json appends " LineNumber: n | BytePositionInLine: m." (and sometimes a Path): we give those ourselves.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (path >= 0 && (cut < 0 || path < cut))
        {
            cut = path;
        }

        return (cut < 0 ? message : message[..cut]).Trim().TrimEnd('.');
    }
}
