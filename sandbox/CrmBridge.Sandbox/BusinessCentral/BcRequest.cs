using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>One API request, from HTTP or from a <c>$batch</c> entry.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path below the API root, without the query (<c>companies(…)/customers</c>).</param>
/// <param name="Query">The query options, unescaped.</param>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The JSON body, if any.</param>
internal sealed record BcRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, JsonObject? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string? Option(string name) => Query.TryGetValue(name, out var v) ? v : null;

    /// <summary>Splits a relative URL (<c>companies(…)/customers?$filter=…</c>) into path and query.</summary>
    public static (string Path, Dictionary<string, string> Query) Split(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var path = (q < 0 ? url : url[..q]).TrimStart('/');
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (var pair in url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                query[key] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return (Uri.UnescapeDataString(path), query);
    }
}
