using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Kingdee;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>The emulator answers as K3Cloud does, awkward parts included, over raw HTTP.</summary>
public sealed class KingdeeSandboxTests
{
    private const string Auth = "Kingdee.BOS.WebApi.ServicesStub.AuthService.";
    private const string Form = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.";

    [Fact]
    public async Task Save_MixedCaseServiceNameDataAsJsonStringAndStringBooleans_Succeeds()
    {
        await using var sandbox = await KingdeeTestServices.StartSandboxAsync();
        using var http = await LoginAsync(sandbox);
        var data = new JsonObject { ["IsDeleteEntry"] = "true", ["IsAutoSubmitAndAudit"] = "true", ["Model"] = new JsonObject { ["FCUSTID"] = 0, ["FName"] = "Acme" } };

        var answer = await PostAsync(http, Form + "save", new JsonObject { ["formid"] = "BD_Customer", ["data"] = data.ToJsonString() }, "DynamicFormservice.Save");

        Assert.True(answer["Result"]!["ResponseStatus"]!["IsSuccess"]!.GetValue<bool>());
        Assert.StartsWith("CUST", answer["Result"]!["Number"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("C", sandbox.ListBills("BD_Customer").Single()["FDocumentStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteBillQuery_RowsAndLimitAboveMaximum_BareArraysOrWrappedMsgCode8()
    {
        await using var sandbox = await KingdeeTestServices.StartSandboxAsync();
        sandbox.SeedMaterial("M-1", "One");
        sandbox.SeedMaterial("M-2", "Two");
        using var http = await LoginAsync(sandbox);

        var rows = await PostAsync(http, Form + "ExecuteBillQuery", Query("FNumber,FName", "FNumber like 'M-%'", 2000));
        var refused = await PostAsync(http, Form + "ExecuteBillQuery", Query("FNumber", string.Empty, 10_001));

        Assert.Equal("""[["M-1","One"],["M-2","Two"]]""", rows.ToJsonString());
        Assert.Equal(8, refused[0]![0]!["Result"]!["ResponseStatus"]!["MsgCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteBillQuery_AfterSessionTtl_AnswersMsgCode1()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await KingdeeTestServices.StartSandboxAsync(time);
        using var http = await LoginAsync(sandbox);
        time.Advance(sandbox.Options.SessionTtl + TimeSpan.FromSeconds(1));

        var answer = await PostAsync(http, Form + "ExecuteBillQuery", Query("FNumber", string.Empty, 10));

        Assert.Equal(1, answer[0]![0]!["Result"]!["ResponseStatus"]!["MsgCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Save_AuditedBillThenUnAuditedWithIsDeleteEntryFalse_RefusesThenKeepsUnlistedEntries()
    {
        await using var sandbox = await KingdeeTestServices.StartSandboxAsync();
        sandbox.SeedMaterial("M-1", "One");
        using var http = await LoginAsync(sandbox);
        var customer = await PostAsync(http, Form + "Save", new JsonObject { ["formid"] = "BD_Customer", ["data"] = new JsonObject { ["IsAutoSubmitAndAudit"] = "true", ["Model"] = new JsonObject { ["FName"] = "Acme" } } });
        var order = new JsonObject
        {
            ["FCustId"] = new JsonObject { ["FNumber"] = customer["Result"]!["Number"]!.GetValue<string>() },
            ["FSaleOrderEntry"] = new JsonArray(Line(1), Line(2)),
        };
        var created = await PostAsync(http, Form + "Save", new JsonObject { ["formid"] = "SAL_SaleOrder", ["data"] = new JsonObject { ["Model"] = order } });
        var number = created["Result"]!["Number"]!.GetValue<string>();
        var fid = created["Result"]!["Id"]!.GetValue<long>();
        sandbox.AuditBill("SAL_SaleOrder", number);
        var update = new JsonObject { ["FID"] = fid, ["FSaleOrderEntry"] = new JsonArray(Line(7)) };

        var refused = await PostAsync(http, Form + "Save", new JsonObject { ["formid"] = "SAL_SaleOrder", ["data"] = new JsonObject { ["Model"] = update.DeepClone() } });
        await PostAsync(http, Form + "UnAudit", new JsonObject { ["formid"] = "SAL_SaleOrder", ["data"] = new JsonObject { ["Ids"] = fid.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        var saved = await PostAsync(http, Form + "Save", new JsonObject { ["formid"] = "SAL_SaleOrder", ["data"] = new JsonObject { ["IsDeleteEntry"] = "false", ["Model"] = update } });

        Assert.False(refused["Result"]!["ResponseStatus"]!["IsSuccess"]!.GetValue<bool>());
        Assert.True(saved["Result"]!["ResponseStatus"]!["IsSuccess"]!.GetValue<bool>());
        var bill = sandbox.GetBill("SAL_SaleOrder", number)!;
        Assert.Equal(3, bill["FSaleOrderEntry"]!.AsArray().Count);
        Assert.Equal("D", bill["FDocumentStatus"]!.GetValue<string>());
    }

    private static JsonObject Line(decimal qty) => new() { ["FMaterialId"] = new JsonObject { ["FNumber"] = "M-1" }, ["FQty"] = qty };

    private static JsonObject Query(string keys, string filter, int limit) =>
        new() { ["data"] = new JsonObject { ["FormId"] = "BD_MATERIAL", ["FieldKeys"] = keys, ["FilterString"] = filter, ["OrderString"] = "FNumber ASC", ["StartRow"] = 0, ["Limit"] = limit } };

    private static async Task<HttpClient> LoginAsync(KingdeeSandbox sandbox)
    {
        var o = sandbox.Options;
        var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var login = await PostAsync(http, Auth + "LoginByAppSecret", new JsonObject { ["parameters"] = new JsonArray(o.AcctId, o.Username, o.AppId, o.AppSecret, 2052) });
        http.DefaultRequestHeaders.Add("kdservice-sessionid", login["KDSVCSessionId"]!.GetValue<string>());
        return http;
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string service, JsonObject body, string? spelledAs = null)
    {
        var path = (spelledAs is null ? service : service.Replace(service.Split('.')[^2] + "." + service.Split('.')[^1], spelledAs, StringComparison.Ordinal)) + ".common.kdsvc";
        using var response = await http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
