using System.Globalization;

namespace CrmBridge.Connectors;

/// <summary>
/// Orders record versions as systems give them: integers (row versions, epoch milliseconds), ISO-8601 timestamps
/// (Zoho <c>Modified_Time</c>, Dataverse <c>modifiedon</c>), weak ETags (<c>W/"470867"</c>), else ordinal text.
/// </summary>
public sealed class VersionComparer : IComparer<string?>
{
    /// <summary>Gets the shared instance.</summary>
    public static VersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var a = StripETag(x);
        var b = StripETag(y);
        if (long.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var la)
            && long.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lb))
        {
            return la.CompareTo(lb);
        }

        if (DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da)
            && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db))
        {
            return da.CompareTo(db);
        }

        return string.CompareOrdinal(a, b);
    }

    private static string StripETag(string value)
    {
        var v = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        return v.Trim('"');
    }
}
