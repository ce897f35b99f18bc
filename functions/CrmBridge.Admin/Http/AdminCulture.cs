using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Admin.Http;

/// <summary>Picks the language (the toggle's cookie, else Accept-Language) and the admin's time zone (the browser's, read into a cookie by admin.js).</summary>
internal static class AdminCulture
{
    /// <summary>The language cookie the toggle sets.</summary>
    public const string LanguageCookie = "crmbridge-admin-lang";

    /// <summary>The time-zone cookie admin.js sets from the browser.</summary>
    public const string TimeZoneCookie = "crmbridge-admin-tz";

    /// <summary>Picks <c>zh</c> or <c>en</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The language.</returns>
    public static string Language(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(LanguageCookie, out var chosen) && chosen is "zh" or "en")
        {
            return chosen;
        }

        var preferred = request.Headers.AcceptLanguage.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((item, index) =>
            {
                var parts = item.Split(";q=", 2, StringSplitOptions.TrimEntries);
                var q = parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 1.0;
                return (Tag: parts[0], Q: q, Index: index);
            })
            .OrderByDescending(x => x.Q).ThenBy(x => x.Index)
            .Select(x => x.Tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : x.Tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : null)
            .FirstOrDefault(x => x is not null);
        return preferred ?? "en";
    }

    /// <summary>Picks the time zone: the browser's (cookie), else the configured one, else UTC.</summary>
    /// <param name="request">The request.</param>
    /// <param name="configured">The configured zone id.</param>
    /// <returns>The zone.</returns>
    public static TimeZoneInfo Zone(HttpRequest request, string configured)
    {
        if (request.Cookies.TryGetValue(TimeZoneCookie, out var browser) && Find(browser) is { } zone)
        {
            return zone;
        }

        return Find(configured) ?? TimeZoneInfo.Utc;
    }

    private static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length < 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
