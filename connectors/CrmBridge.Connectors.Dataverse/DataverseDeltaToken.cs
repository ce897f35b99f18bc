using System.Globalization;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Reads the issue time out of a delta link: Dataverse's token is <c>{version}!{MM/dd/yyyy HH:mm:ss}</c> (UTC), e.g.
/// <c>$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44</c> in the documentation's example.
/// </summary>
internal static class DataverseDeltaToken
{
    /// <summary>Gets when the delta token in <paramref name="link"/> was issued.</summary>
    /// <param name="link">A delta link (absolute or relative).</param>
    /// <returns>The issue time, or <see langword="null"/> when the link carries no readable token.</returns>
    public static DateTimeOffset? IssuedAt(string? link)
    {
        const string Name = "$deltatoken=";
        var start = link?.IndexOf(Name, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var value = link![(start + Name.Length)..];
        var end = value.IndexOf('&', StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(end < 0 ? value : value[..end]);
        var bang = token.IndexOf('!', StringComparison.Ordinal);
        return bang > 0 && DateTime.TryParseExact(token[(bang + 1)..], "MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var issued)
            ? new DateTimeOffset(issued, TimeSpan.Zero)
            : null;
    }
}
