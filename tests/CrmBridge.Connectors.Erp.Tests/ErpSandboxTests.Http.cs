using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>The sandbox's wire shapes, checked with a plain HttpClient: auth, error bodies, batch limits, /_sandbox controls.</summary>
public sealed partial class ErpSandboxTests
{
    [Fact]
    public async Task Api_MissingApiKey_Returns401WithErrorBody()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        using var http = new HttpClient { BaseAddress = erp.BaseAddress };

        using var response = await http.GetAsync("api/customers/C-000001");
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHORIZED", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(1, erp.RequestCount);
    }

    [Fact]
    public async Task Put_OrderWithoutOrderNumber_Returns400NamingTheField()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        using var http = Client(erp);

        using var response = await http.PutAsync("api/salesOrders/by-external-id/X1", Json("""{"customerId":"C-000001"}"""));
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("orderNumber", body["error"]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("""{"name":"A","externalId":"OTHER"}""", "externalId")]
    [InlineData("""{"name":42}""", "name")]
    [InlineData("""{"name":"A","creditLimit":-1}""", "creditLimit")]
    [InlineData("""{"name":"A","address":{"country":"China"}}""", "address.country")]
    public async Task Put_InvalidCustomer_Returns400NamingTheField(string json, string field)
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        using var http = Client(erp);

        using var response = await http.PutAsync("api/customers/by-external-id/X1", Json(json));
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, body["error"]!["field"]!.GetValue<string>());
        Assert.Equal(0, erp.Count(ErpEntities.Customers));
    }

    [Fact]
    public async Task Batch_MoreThan200Items_Returns400()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        using var http = Client(erp);
        var items = new JsonArray(Enumerable.Range(0, 201).Select(i => (JsonNode)new JsonObject { ["externalId"] = $"B{i}", ["data"] = new JsonObject { ["name"] = "N" } }).ToArray());

        using var response = await http.PostAsync("api/customers/batch", Json(new JsonObject { ["items"] = items }.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, erp.Count(ErpEntities.Customers));
    }

    [Fact]
    public async Task Changes_LimitOver500_Returns400()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        using var http = Client(erp);

        using var response = await http.GetAsync("api/changes?limit=501");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("limit", (await ReadAsync(response))["error"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task SandboxFaults_PostedThenDeleted_ThrottlesOnlyWhileSet()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        using var http = Client(erp);

        using var set = await http.PostAsync("_sandbox/faults", Json("""{"kind":"throttle","count":5,"delayMs":3000}"""));
        using var throttled = await http.GetAsync("api/changes");
        using var cleared = await http.DeleteAsync("_sandbox/faults");
        using var served = await http.GetAsync("api/changes");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task SandboxFaults_UnknownKind_Returns400()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        using var http = Client(erp);

        using var response = await http.PostAsync("_sandbox/faults", Json("""{"kind":"Meteor","count":1}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SandboxShip_OverHttp_ShipsAndStatsCountRecordsNotControls()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        var customer = await erp.UpsertRecordAsync(ErpEntities.Customers, "C1", new JsonObject { ["name"] = "A" });
        var order = await erp.UpsertRecordAsync(ErpEntities.SalesOrders, "O1", new JsonObject { ["orderNumber"] = "1", ["customerId"] = customer["id"]!.DeepClone() });
        using var http = new HttpClient { BaseAddress = erp.BaseAddress };

        using var shipped = await http.PostAsync($"_sandbox/salesOrders/{order["id"]}/ship", Json("""{"trackingNumber":"YT1","carrier":"YTO"}"""));
        using var missing = await http.PostAsync("_sandbox/cases/AS-000404/resolve", Json("{}"));
        var stats = await ReadAsync(await http.GetAsync("_sandbox/stats"));

        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal("YT1", (await ReadAsync(shipped))["trackingNumber"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1, stats["salesOrders"]!.GetValue<int>());
        Assert.Equal(0, stats["requests"]!.GetValue<long>());
        Assert.Equal(3, stats["lastSeq"]!.GetValue<long>());
    }

    private static HttpClient Client(ErpSandbox erp)
    {
        var http = new HttpClient { BaseAddress = erp.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", erp.ApiKey);
        return http;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
