namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One Web API request, from HTTP or from a <c>$batch</c> part.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path below <c>/api/data/v9.2/</c>, with its query string.</param>
/// <param name="Headers">The headers (case-insensitive).</param>
/// <param name="Body">The body text (empty when none).</param>
public sealed record DataverseRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Gets a header or <see langword="null"/>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Gets whether the <c>Prefer</c> header contains a preference.</summary>
    /// <param name="preference">The preference (<c>return=representation</c>).</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Prefers(string preference) => Header("Prefer")?.Contains(preference, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Gets the <c>odata.maxpagesize</c> preference.</summary>
    /// <returns>The size or <see langword="null"/>.</returns>
    public int? MaxPageSize()
    {
        var prefer = Header("Prefer");
        var at = prefer?.IndexOf("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var digits = new string(prefer![(at + 18)..].TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var size) ? size : null;
    }
}
