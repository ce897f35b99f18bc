using System.Text.Json.Nodes;

namespace CrmBridge.Cli.Tests;

/// <summary>Reads a JSON answer from the sandbox control API.</summary>
internal static class HttpJsonExtensions
{
    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient http, string path) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative)))!;
}
