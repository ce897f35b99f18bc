using System.Globalization;
using CrmBridge.Admin.Security;
using CrmBridge.Admin.Texts;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Admin.Http;

/// <summary>One request to the admin page, as the pages see it: where they are mounted, who asks, in which language and time zone.</summary>
/// <param name="Context">The HTTP context (from Kestrel or the Functions trigger).</param>
/// <param name="Base">The page's base path, ending in <c>/</c> (<c>/</c> standalone, <c>/api/crmbridge/ui/</c> on Functions).</param>
/// <param name="Path">The path below the base, without a leading slash.</param>
/// <param name="User">The admin, or <see langword="null"/> on the sign-in page.</param>
/// <param name="T">The labels in the admin's language.</param>
/// <param name="Zone">The admin's time zone.</param>
/// <param name="Token">The anti-forgery request token every form carries.</param>
internal sealed record AdminRequest(HttpContext Context, string Base, string Path, AdminUser? User, AdminTexts T, TimeZoneInfo Zone, string Token)
{
    /// <summary>The form field carrying the anti-forgery token.</summary>
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>Gets the request's cancellation.</summary>
    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>Gets a query value, or <see langword="null"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public string? Query(string name) => Context.Request.Query[name].ToString() is { Length: > 0 } v ? v : null;

    /// <summary>Makes an address below the page's base.</summary>
    /// <param name="relative">The relative address.</param>
    /// <returns>The address.</returns>
    public string Url(string relative) => Base + relative;

    /// <summary>Formats a time in the admin's zone.</summary>
    /// <param name="at">The time.</param>
    /// <returns>The text, or a dash.</returns>
    public string Time(DateTimeOffset? at)
    {
        if (at is not { } value)
        {
            return "–";
        }

        var local = TimeZoneInfo.ConvertTime(value, Zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>The hidden anti-forgery field for a form.</summary>
    /// <returns>The markup.</returns>
    public string TokenInput() => $"<input type=\"hidden\" name=\"{TokenField}\" value=\"{Html.E(Token)}\">";
}
