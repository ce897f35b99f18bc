using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Zoho;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The emulator's wire rules, checked with a plain HttpClient (what a connector that got them wrong would meet).</summary>
public sealed class ZohoSandboxTests : IAsyncLifetime
{
    private ZohoSandbox? _sandbox;
    private HttpClient? _http;

    private ZohoSandbox Sandbox => _sandbox!;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        _sandbox = await ZohoSandbox.StartAsync(new ZohoSandboxOptions(), CancellationToken.None);
        _http = await SandboxHttp.ClientAsync(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetRecords_PageBeyond2000WithoutPageToken_Returns400DiscretePaginationLimitExceeded()
    {
        var response = await Http.GetAsync("crm/v7/Accounts?fields=Account_Name&per_page=200&page=11");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DISCRETE_PAGINATION_LIMIT_EXCEEDED", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetRecords_WithoutFields_Returns400RequiredParamMissing()
    {
        var response = await Http.GetAsync("crm/v7/Accounts?per_page=200");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("REQUIRED_PARAM_MISSING", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetRecords_IfModifiedSinceInTheFuture_Returns204()
    {
        Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Old news" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "crm/v7/Accounts?fields=Account_Name");
        request.Headers.IfModifiedSince = DateTimeOffset.UtcNow.AddMinutes(5);

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Coql_UnsupportedSyntax_Returns400SyntaxError()
    {
        var response = await Http.PostAsJsonAsync("crm/v7/coql", new JsonObject { ["select_query"] = "select id from Accounts" });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SYNTAX_ERROR", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsert_MoreThan100Records_Returns400LimitExceeded()
    {
        var data = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["Account_Name"] = $"A{i}" }).ToArray());

        var response = await Http.PostAsJsonAsync("crm/v7/Accounts/upsert", new JsonObject { ["data"] = data });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Sandbox.CountRecords("Accounts"));
    }

    [Fact]
    public async Task Watch_TokenLongerThan50Characters_IsRejected()
    {
        var watch = new JsonObject
        {
            ["watch"] = new JsonArray(new JsonObject
            {
                ["channel_id"] = 1000000068001,
                ["events"] = new JsonArray("Accounts.all"),
                ["token"] = new string('t', 51),
                ["notify_url"] = "http://127.0.0.1:9/notify",
            }),
        };

        var response = await Http.PostAsJsonAsync("crm/v7/actions/watch", watch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Sandbox.Channels);
    }

    [Fact]
    public async Task AnyCall_WithoutToken_Returns401()
    {
        using var anonymous = new HttpClient { BaseAddress = Sandbox.BaseAddress };

        var response = await anonymous.GetAsync("crm/v7/Accounts?fields=Account_Name");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
