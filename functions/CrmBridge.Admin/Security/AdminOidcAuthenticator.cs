using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrmBridge.Admin.Security;

/// <summary>
/// The standalone host's OpenID Connect sign-in (<c>Admin:Oidc</c>): the ASP.NET Core OIDC handler (code flow) signs
/// the admin in to a session cookie; the page requires the role claim <see cref="AdminOidcOptions.RequiredRole"/>.
/// The handlers are registered on the admin server (<see cref="Standalone.AdminServer"/>).
/// </summary>
internal sealed class AdminOidcAuthenticator(IOptions<AdminOptions> options) : IAdminAuthenticator
{
    /// <summary>The session cookie.</summary>
    public const string CookieName = "crmbridge-admin-oidc";

    /// <summary>The cookie scheme.</summary>
    public const string CookieScheme = "crmbridge-admin-cookie";

    private readonly AdminOidcOptions _options = options.Value.Oidc;

    public bool HasSignInForm => false;

    public AuthResult Authenticate(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return AuthResult.Refused(StatusCodes.Status401Unauthorized, "not signed in (OpenID Connect)");
        }

        var name = user.Identity.Name ?? user.FindFirst("preferred_username")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown";
        var roles = user.FindAll("roles").Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value);
        return roles.Contains(_options.RequiredRole, StringComparer.Ordinal)
            ? AuthResult.Allowed(new AdminUser(name, "oidc"))
            : AuthResult.Refused(StatusCodes.Status403Forbidden, $"signed in without the role '{_options.RequiredRole}': assign it at the identity provider");
    }

    public async Task<bool> ChallengeAsync(HttpContext context, string basePath, string back)
    {
        await context.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = basePath + back }).ConfigureAwait(false);
        return true;
    }
}
