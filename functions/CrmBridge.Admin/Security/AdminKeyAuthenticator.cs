using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrmBridge.Admin.Security;

/// <summary>
/// The standalone host's admin key: the sign-in form compares the key in constant time and sets an HttpOnly,
/// SameSite=Strict session cookie protected by ASP.NET Core Data Protection (time-limited, and bound to the key's
/// fingerprint so changing <c>Admin:Key</c> signs everyone out).
/// </summary>
internal sealed class AdminKeyAuthenticator : IAdminAuthenticator
{
    /// <summary>The session cookie.</summary>
    public const string CookieName = "crmbridge-admin-session";

    private readonly AdminOptions _options;
    private readonly ITimeLimitedDataProtector _protector;
    private readonly byte[] _keyHash;

    public AdminKeyAuthenticator(IOptions<AdminOptions> options, IDataProtectionProvider protection)
    {
        _options = options.Value;
        _protector = protection.CreateProtector("CrmBridge.Admin.Session.v1").ToTimeLimitedDataProtector();
        _keyHash = _options.Key is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : [];
    }

    public bool HasSignInForm => true;

    private string Fingerprint => Convert.ToHexString(SHA256.HashData(_keyHash), 0, 8);

    public AuthResult Authenticate(HttpContext context)
    {
        if (_keyHash.Length == 0)
        {
            return AuthResult.Refused(StatusCodes.Status503ServiceUnavailable, "Admin:Key is not configured: set CRMBRIDGE_Admin__Key (see docs/admin.md).");
        }

        if (!context.Request.Cookies.TryGetValue(CookieName, out var cookie) || cookie.Length == 0)
        {
            return AuthResult.Refused(StatusCodes.Status401Unauthorized, "not signed in");
        }

        try
        {
            var parts = _protector.Unprotect(cookie).Split('\n', 2);
            return parts.Length == 2 && parts[0] == Fingerprint
                ? AuthResult.Allowed(new AdminUser(parts[1], "key"))
                : AuthResult.Refused(StatusCodes.Status401Unauthorized, "the session belongs to another admin key");
        }
        catch (CryptographicException)
        {
            return AuthResult.Refused(StatusCodes.Status401Unauthorized, "the session expired or is not valid");
        }
    }

    public async Task<bool> ChallengeAsync(HttpContext context, string basePath, string back)
    {
        await Http.AdminResponses.RedirectAsync(context, basePath + "signin" + (back.Length > 0 ? "?back=" + Uri.EscapeDataString(back) : "")).ConfigureAwait(false);
        return true;
    }

    /// <summary>Compares a key given at sign-in with the configured one in constant time.</summary>
    /// <param name="key">The key typed in.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(string? key) =>
        _keyHash.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key ?? "")), _keyHash);

    /// <summary>Sets the session cookie.</summary>
    /// <param name="context">The sign-in request.</param>
    /// <param name="name">Who signed in.</param>
    public void SignIn(HttpContext context, string name)
    {
        var value = _protector.Protect(Fingerprint + "\n" + name, _options.SessionLifetime);
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = _options.SessionLifetime,
        });
    }

    /// <summary>Removes the session cookie.</summary>
    /// <param name="context">The request.</param>
    public static void SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        context.Response.Cookies.Delete(AdminOidcAuthenticator.CookieName, new CookieOptions { Path = "/" });
    }
}
