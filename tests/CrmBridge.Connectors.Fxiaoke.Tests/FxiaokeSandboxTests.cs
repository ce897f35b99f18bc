using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Fxiaoke;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>The emulator's own wire behaviour, checked with a plain HttpClient over loopback.</summary>
public sealed class FxiaokeSandboxTests : IAsyncLifetime
{
    private FxiaokeSandbox _sandbox = null!;
    private HttpClient _http = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await FxiaokeSandbox.StartAsync(new FxiaokeSandboxOptions(), CancellationToken.None);
        _http = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        var token = await PostAsync("cgi/corpAccessToken/get/V2", new JsonObject
        {
            ["appId"] = _sandbox.Options.AppId, ["appSecret"] = _sandbox.Options.AppSecret, ["permanentCode"] = _sandbox.Options.PermanentCode,
        });
        _token = token["corpAccessToken"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Query_OffsetPast10000_Returns10013()
    {
        var response = await CallAsync("cgi/crm/v2/data/query", new JsonObject
        {
            ["dataObjectApiName"] = "AccountObj",
            ["search_query_info"] = new JsonObject { ["limit"] = 100, ["offset"] = 10_001, ["filters"] = new JsonArray() },
        });

        Assert.Equal(10013, response["errorCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_WithoutTriggerApprovalFlowFalse_StartsApproval()
    {
        var response = await CallAsync("cgi/crm/v2/data/create", new JsonObject
        {
            ["object_data"] = new JsonObject { ["dataObjectApiName"] = "AccountObj", ["name"] = "Approval Co" },
        });

        Assert.Equal(0, response["errorCode"]!.GetValue<int>());
        Assert.Equal("under_review", _sandbox.GetRecord("AccountObj", response["dataId"]!.GetValue<string>())!["life_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_CustomObjectOnStandardEndpoint_IsRejected()
    {
        var response = await CallAsync("cgi/crm/v2/data/create", new JsonObject
        {
            ["object_data"] = new JsonObject { ["dataObjectApiName"] = "erp_invoice__c", ["name"] = "x" },
        });

        Assert.Equal(32000, response["errorCode"]!.GetValue<int>());
        Assert.Contains("custom/v2", response["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_LikeAndInFilters_ReturnMatchingRecordsInOrder()
    {
        var a = _sandbox.CreateRecord("AccountObj", new() { ["name"] = "Filter Alpha Ltd", ["account_no"] = "F-1" });
        var b = _sandbox.CreateRecord("AccountObj", new() { ["name"] = "Filter Beta Ltd", ["account_no"] = "F-2" });
        _sandbox.CreateRecord("AccountObj", new() { ["name"] = "Other", ["account_no"] = "F-3" });

        var response = await CallAsync("cgi/crm/v2/data/query", new JsonObject
        {
            ["dataObjectApiName"] = "AccountObj",
            ["search_query_info"] = new JsonObject
            {
                ["limit"] = 10,
                ["offset"] = 0,
                ["filters"] = new JsonArray(
                    new JsonObject { ["field_name"] = "name", ["operator"] = "LIKE", ["field_values"] = new JsonArray("filter") },
                    new JsonObject { ["field_name"] = "account_no", ["operator"] = "IN", ["field_values"] = new JsonArray("F-1", "F-2", "F-3") }),
                ["orders"] = new JsonArray(new JsonObject { ["fieldName"] = "name", ["isAsc"] = false }),
            },
        });

        var ids = response["data"]!["dataList"]!.AsArray().Select(r => r!["_id"]!.GetValue<string>());
        Assert.Equal([b, a], ids);
    }

    [Fact]
    public async Task Get_ExpiredToken_Returns20016()
    {
        _sandbox.ExpireTokens();

        var response = await CallAsync("cgi/crm/v2/data/get", new JsonObject { ["dataObjectApiName"] = "AccountObj", ["objectDataId"] = "x" });

        Assert.Equal(20016, response["errorCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_UnknownPath_Returns10006WithHttp200()
    {
        var response = await _http.PostAsJsonAsync("cgi/crm/v9/unknown", new JsonObject());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(10006, (await response.Content.ReadFromJsonAsync<JsonObject>())!["errorCode"]!.GetValue<int>());
    }

    private Task<JsonObject> CallAsync(string path, JsonObject data) => PostAsync(path, new JsonObject
    {
        ["corpAccessToken"] = _token, ["corpId"] = _sandbox.Options.CorpId, ["currentOpenUserId"] = "FSUID_TEST", ["data"] = data,
    });

    private async Task<JsonObject> PostAsync(string path, JsonObject body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
