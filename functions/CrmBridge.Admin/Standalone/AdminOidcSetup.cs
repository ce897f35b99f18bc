using CrmBridge.Admin.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CrmBridge.Admin.Standalone;

/// <summary>Registers cookie + OpenID Connect (code flow) on the admin server when <c>Admin:Oidc</c> is configured.</summary>
internal static class AdminOidcSetup
{
    /// <summary>The callback path registered at the identity provider: <c>http(s)://host:port/signin-oidc</c>.</summary>
    public const string CallbackPath = "/signin-oidc";

    public static void Add(IServiceCollection services, AdminOidcOptions oidc)
    {
        var authority = new Uri(oidc.Authority!);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AdminOidcAuthenticator.CookieScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(AdminOidcAuthenticator.CookieScheme, o =>
            {
                o.Cookie.Name = AdminOidcAuthenticator.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax; // the provider's redirect back is a cross-site navigation
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            })
            .AddOpenIdConnect(o =>
            {
                o.SignInScheme = AdminOidcAuthenticator.CookieScheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.CallbackPath = CallbackPath;
                o.SaveTokens = false; // the page needs who and roles only
                o.Scope.Add("profile");
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = "roles";
                o.MapInboundClaims = false;
                // Metadata over plain HTTP only from a provider on this machine (tests, a local Keycloak).
                o.RequireHttpsMetadata = !authority.IsLoopback;
            });
    }
}
