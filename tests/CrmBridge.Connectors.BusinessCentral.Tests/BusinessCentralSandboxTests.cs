using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.BusinessCentral;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>The emulator answers as the documentation says, checked over raw HTTP (no connector in between).</summary>
public sealed class BusinessCentralSandboxTests
{
    private static async Task<HttpClient> ClientAsync(BusinessCentralSandbox sandbox)
    {
        var http = new HttpClient { BaseAddress = sandbox.ApiAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "sandbox-client", ["client_secret"] = "sandbox-secret", ["scope"] = "https://api.businesscentral.dynamics.com/.default",
        });
        var token = await (await http.PostAsync(sandbox.TokenEndpoint("t"), form)).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!["access_token"]!.GetValue<string>());
        return http;
    }

    private static HttpRequestMessage Patch(string url, JsonObject body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    [Fact]
    public async Task Patch_StaleETag_Is409RequestEntityChanged()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        using var http = await ClientAsync(sandbox);
        var id = sandbox.Create("customers", new JsonObject { ["displayName"] = "ETag" });
        var url = $"companies({sandbox.CompanyId})/customers({id})";
        var etag = sandbox.Get("customers", id)!["@odata.etag"]!.GetValue<string>();

        using var first = await http.SendAsync(Patch(url, new JsonObject { ["displayName"] = "One" }, etag));
        using var stale = await http.SendAsync(Patch(url, new JsonObject { ["displayName"] = "Two" }, etag));
        using var missing = await http.SendAsync(Patch(url, new JsonObject { ["displayName"] = "Three" }, null));

        Assert.Equal(200, (int)first.StatusCode);
        Assert.NotEqual(etag, (await first.Content.ReadFromJsonAsync<JsonObject>())!["@odata.etag"]!.GetValue<string>());
        Assert.Equal(409, (int)stale.StatusCode);
        var error = (await stale.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("Request_EntityChanged", error["code"]!.GetValue<string>());
        Assert.Contains("CorrelationId", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, (int)missing.StatusCode);
        Assert.Equal("One", sandbox.Get("customers", id)!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_SnapshotWithAFailingOperation_CommitsNothing()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        using var http = await ClientAsync(sandbox);
        var body = new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject { ["id"] = "1", ["method"] = "POST", ["url"] = $"companies({sandbox.CompanyId})/customers", ["headers"] = new JsonObject { ["Content-Type"] = "application/json" }, ["body"] = new JsonObject { ["displayName"] = "Kept?" } },
                new JsonObject { ["id"] = "2", ["method"] = "POST", ["url"] = $"companies({sandbox.CompanyId})/customers", ["headers"] = new JsonObject { ["Content-Type"] = "application/json" }, ["body"] = new JsonObject { ["email"] = "bad address" } }),
        };
        using var isolated = new HttpRequestMessage(HttpMethod.Post, "$batch") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        isolated.Headers.Add("Isolation", "snapshot");

        using var snapshot = await http.SendAsync(isolated);
        var afterSnapshot = sandbox.List("customers").Count;
        using var independent = await http.PostAsync("$batch", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var answers = (await independent.Content.ReadFromJsonAsync<JsonObject>())!["responses"]!.AsArray();

        Assert.Equal(400, (int)snapshot.StatusCode);
        Assert.Equal(0, afterSnapshot);
        Assert.Equal(200, (int)independent.StatusCode);
        Assert.Equal([201, 400], answers.Select(a => a!["status"]!.GetValue<int>()));
        Assert.Single(sandbox.List("customers"));
    }

    [Fact]
    public async Task Batch_MoreThan100Operations_IsRejected()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        using var http = await ClientAsync(sandbox);
        var requests = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["id"] = $"{i}", ["method"] = "GET", ["url"] = "companies" })]);

        using var response = await http.PostAsync("$batch", new StringContent(new JsonObject { ["requests"] = requests }.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Post_TextLongerThanTheField_IsStringExceededLength()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        using var http = await ClientAsync(sandbox);

        using var response = await http.PostAsJsonAsync($"companies({sandbox.CompanyId})/customers", new JsonObject { ["displayName"] = new string('x', 101) });

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("Application_StringExceededLength", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Notification_SubscriberAnswers404_SubscriptionIsDeleted()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync(o => o.NotificationDelay = TimeSpan.FromMilliseconds(50));
        await using var host = await WebhookHost.StartAsync(() => new BusinessCentralWebhookReceiver(new BusinessCentralOptions(), new BusinessCentralCollections(), Microsoft.Extensions.Logging.Abstractions.NullLogger<BusinessCentralWebhookReceiver>.Instance));
        using var http = await ClientAsync(sandbox);
        using var created = await http.PostAsJsonAsync("subscriptions", new JsonObject
        {
            ["notificationUrl"] = host.Url.ToString(), ["resource"] = $"/api/v2.0/companies({sandbox.CompanyId})/customers", ["clientState"] = "s",
        });
        Assert.Equal(201, (int)created.StatusCode);
        host.ForcedStatus = 404;

        sandbox.Create("customers", new JsonObject { ["displayName"] = "Gone" });

        Assert.True(await host.WaitForAsync(_ => sandbox.Subscriptions().Count == 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Subscribe_Shipments_IsRejectedAsNotSubscribable()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        using var http = await ClientAsync(sandbox);

        using var response = await http.PostAsJsonAsync("subscriptions", new JsonObject
        {
            ["notificationUrl"] = "http://127.0.0.1:9/none", ["resource"] = $"/api/v2.0/companies({sandbox.CompanyId})/salesShipments",
        });

        Assert.Equal(400, (int)response.StatusCode);
    }
}
