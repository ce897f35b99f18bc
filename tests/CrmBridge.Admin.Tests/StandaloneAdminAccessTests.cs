using System.Net;
using CrmBridge.Admin.Security;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Admin.Tests;

/// <summary>Sign-in on the standalone host: no key, wrong key, forged session and missing anti-forgery token are refused; the right key gets in.</summary>
public sealed class StandaloneAdminAccessTests(StandaloneAdminFixture admin) : IClassFixture<StandaloneAdminFixture>
{
    [Fact]
    public async Task Get_NoSession_RedirectsToSignIn()
    {
        using var client = new AdminClient(admin.Address);

        var (status, body, response) = await client.GetAsync("failed?route=x");

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Equal("/signin?back=failed%3Froute%3Dx", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("id=\"failed\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NoSession_Refuses401()
    {
        using var client = new AdminClient(admin.Address);
        var token = await client.TokenAsync("signin");

        var (status, _, _) = await client.PostAsync("failed/replay", new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["scope"] = "all" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task SignIn_WrongKey_Refuses401WithoutSession()
    {
        using var client = new AdminClient(admin.Address);

        Assert.Equal(HttpStatusCode.Unauthorized, await client.SignInAsync("not-the-admin-key-at-all"));
        Assert.False(client.Cookies.ContainsKey(AdminKeyAuthenticator.CookieName));
        Assert.Equal(HttpStatusCode.SeeOther, (await client.GetAsync("")).Status);
    }

    [Fact]
    public async Task SignIn_RightKey_OpensOverview()
    {
        using var client = new AdminClient(admin.Address);

        Assert.Equal(HttpStatusCode.SeeOther, await client.SignInAsync(StandaloneAdminFixture.Key));
        var (status, body, response) = await client.GetAsync("");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"routes\"", body, StringComparison.Ordinal);
        Assert.Contains("Zhang San", body, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_Refuses400()
    {
        using var client = new AdminClient(admin.Address);

        var (status, _, _) = await client.PostAsync("signin", new Dictionary<string, string> { ["name"] = "Zhang San", ["key"] = StandaloneAdminFixture.Key });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(client.Cookies.ContainsKey(AdminKeyAuthenticator.CookieName));
    }

    [Fact]
    public async Task Post_SignedInWithoutAntiforgeryToken_Refuses400()
    {
        using var client = new AdminClient(admin.Address);
        await client.SignInAsync(StandaloneAdminFixture.Key);

        var (status, body, _) = await client.PostAsync("failed/some-id/dismiss", new Dictionary<string, string> { ["note"] = "no token" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("anti-forgery", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ForgedSessionCookie_RedirectsToSignIn()
    {
        using var client = new AdminClient(admin.Address);
        client.SetCookie(AdminKeyAuthenticator.CookieName, "Zhang%20San");

        Assert.Equal(HttpStatusCode.SeeOther, (await client.GetAsync("audit")).Status);
    }

    [Fact]
    public async Task Assets_WithoutSession_AreServedLocally()
    {
        using var client = new AdminClient(admin.Address);

        var (status, body, _) = await client.GetAsync("assets/htmx.min.js");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("var htmx=", body, StringComparison.Ordinal);
        Assert.Contains("Zero-Clause BSD", (await client.GetAsync("assets/htmx.LICENSE")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutAdminKey_FailsWithOneLineNamingTheSetting()
    {
        using var host = StandaloneAdminFixture.Build(Path.GetTempPath(), new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("CRMBRIDGE_Admin__Key", error.Message, StringComparison.Ordinal);
    }
}
