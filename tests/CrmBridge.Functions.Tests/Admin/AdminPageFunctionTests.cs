using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Functions.Tests.Admin;

/// <summary>The admin page through the Functions trigger: Easy Auth principal and app role required, anti-forgery on posts.</summary>
public sealed class AdminPageFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private const string Role = "CrmBridge.Admin";

    [Fact]
    public async Task RunAsync_PrincipalWithRole_ServesOverviewUnderTheFunctionsRoute()
    {
        var (status, body, _) = await SendAsync("GET", "", Principal("Wang Fang", Role));

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Contains("id=\"routes\"", body, StringComparison.Ordinal);
        Assert.Contains("Wang Fang", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/crmbridge/ui/failed\"", body, StringComparison.Ordinal); // links stay under the trigger's route
    }

    [Fact]
    public async Task RunAsync_NoPrincipal_Refuses401()
    {
        var (status, body, _) = await SendAsync("GET", "failed", null);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Contains("/.auth/login/aad", body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"failed\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrincipalWithoutRole_Refuses403()
    {
        var (status, body, _) = await SendAsync("GET", "", Principal("Guest User", "Some.Other.Role"));

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.Contains(Role, body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"routes\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PostWithoutAntiforgeryToken_Refuses400AndChangesNothing()
    {
        var (status, body, _) = await SendAsync("POST", "failed/replay", Principal("Wang Fang", Role), "scope=all");

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("anti-forgery", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EasyAuthNotEnabled_RefusesEvenWithAForgedPrincipal()
    {
        var (status, _, _) = await SendAsync("GET", "", Principal("Mallory", Role), enabled: false);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
    }

    internal static string Principal(string name, string role)
    {
        var json = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["name_typ"] = "name",
            ["role_typ"] = "roles",
            ["claims"] = new JsonArray(new JsonObject { ["typ"] = "name", ["val"] = name }, new JsonObject { ["typ"] = "roles", ["val"] = role }),
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private async Task<(int Status, string Body, HttpResponse Response)> SendAsync(string method, string path, string? principal, string? form = null, bool enabled = true)
    {
        await using var services = app.BuildServices(new Dictionary<string, string?> { ["Admin:EasyAuth:Enabled"] = enabled ? "true" : "false" });
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Path = "/api/crmbridge/ui/" + path;
        if (principal is not null)
        {
            context.Request.Headers["X-MS-CLIENT-PRINCIPAL"] = principal;
        }

        if (form is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(form);
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        var function = ActivatorUtilities.CreateInstance<AdminPageFunction>(services);
        await function.RunAsync(context.Request, path);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response);
    }
}
