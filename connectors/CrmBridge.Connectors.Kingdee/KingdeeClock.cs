using System.Globalization;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// K3Cloud times (<c>FModifyDate</c>) are server-local without an offset. Versions are reported as UTC ISO-8601 (so they
/// order with <see cref="VersionComparer"/>); filters use the server's own text.
/// </summary>
internal sealed class KingdeeClock
{
    private readonly TimeZoneInfo _zone;
    private readonly TimeProvider _time;

    public KingdeeClock(KingdeeConnectorOptions options, TimeProvider time)
    {
        _time = time;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.ServerTimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public static DateTime? Parse(string? text) =>
        text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var value)
            ? DateTime.SpecifyKind(value, DateTimeKind.Unspecified)
            : null;

    /// <summary>The text a FilterString compares with: <c>yyyy-MM-dd HH:mm:ss.fff</c>.</summary>
    public static string Filter(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public string? Version(string? modifyDate) => Parse(modifyDate) is { } local
        ? TimeZoneInfo.ConvertTimeToUtc(local, _zone).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : null;

    /// <summary>Gets whether a server-local time is older than <paramref name="settle"/> by this machine's clock.</summary>
    public bool IsSettled(DateTime local, TimeSpan settle) =>
        TimeZoneInfo.ConvertTimeToUtc(local, _zone) + settle < _time.GetUtcNow().UtcDateTime;
}
