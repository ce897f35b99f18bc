using System.Net;
using System.Security.Claims;
using CrmBridge.Admin.Security;
using CrmBridge.Admin.Standalone;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Admin.Tests;

/// <summary>
/// OpenID Connect on the standalone host, as far as it can be tested without a real identity provider: a request without
/// a session is sent to the provider's authorize endpoint (read from its discovery document, served here on loopback),
/// and a signed-in principal without the role is refused.
/// </summary>
public sealed class StandaloneOidcTests
{
    [Fact]
    public async Task Get_NoSession_RedirectsToTheProvidersAuthorizeEndpoint()
    {
        await using var provider = await StartDiscoveryAsync();
        var authority = provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        var folder = Directory.CreateTempSubdirectory("crmbridge-admin-oidc-");
        using var host = StandaloneAdminFixture.Build(folder.FullName, new Dictionary<string, string?>
        {
            ["Admin:Oidc:Authority"] = authority,
            ["Admin:Oidc:ClientId"] = "crmbridge-admin-test",
            ["Admin:Oidc:ClientSecret"] = "not-a-real-secret",
        });
        await host.StartAsync();
        try
        {
            using var client = new AdminClient(host.Services.GetRequiredService<AdminServer>().Address!);

            var (status, _, response) = await client.GetAsync("failed");

            Assert.Equal(HttpStatusCode.Found, status);
            var location = response.Headers.Location!.ToString();
            Assert.StartsWith(authority + "authorize?", location, StringComparison.Ordinal);
            Assert.Contains("client_id=crmbridge-admin-test", location, StringComparison.Ordinal);
            Assert.Contains(Uri.EscapeDataString(AdminOidcSetup.CallbackPath), location, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Authenticate_SignedInWithoutRole_Refuses403()
    {
        var auth = new AdminOidcAuthenticator(Options.Create(new AdminOptions { Oidc = new AdminOidcOptions { Authority = "https://login.example/", ClientId = "x" } }));
        var context = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Chen Jing"), new Claim("roles", "Reader")], "oidc", "name", "roles")) };

        Assert.Equal(StatusCodes.Status403Forbidden, auth.Authenticate(context).Status);

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Chen Jing"), new Claim("roles", "CrmBridge.Admin")], "oidc", "name", "roles"));
        Assert.Equal(new AdminUser("Chen Jing", "oidc"), auth.Authenticate(context).User);
    }

    private static async Task<WebApplication> StartDiscoveryAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (HttpContext c) =>
        {
            var issuer = $"http://{c.Request.Host}/";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "authorize",
                ["token_endpoint"] = issuer + "token",
                ["jwks_uri"] = issuer + "keys",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet("/keys", () => Results.Json(new { keys = Array.Empty<object>() }));
        await app.StartAsync();
        return app;
    }
}
