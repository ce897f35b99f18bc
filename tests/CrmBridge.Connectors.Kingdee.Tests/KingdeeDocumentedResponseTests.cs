using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>
/// The connector on the documentation's response bodies (Fixtures/*.json, shaped as ERP-FACTS §1.2–1.3 shows them): login
/// result, Save and BatchSave results with errors, ExecuteBillQuery rows, the MsgCode 1 sample.
/// </summary>
public sealed class KingdeeDocumentedResponseTests
{
    [Fact]
    public async Task GetAsync_DocumentedLoginResult_SendsItsKdsvcSessionIdOnTheNextCall()
    {
        var handler = new FixtureHandler().Then("login-success.json").Then("[]");
        await using var services = Build(handler);

        var read = await Connector(services).GetAsync("SAL_SaleOrder", "XSDD000009", CancellationToken.None);

        Assert.Null(read);
        Assert.EndsWith("AuthService.LoginByAppSecret.common.kdsvc", handler.Requests[0].Path, StringComparison.Ordinal);
        Assert.Equal("f6b7f0a5-7f0b-4c2e-9d0e-5b7a1c3d2e4f", handler.Requests[1].SessionHeader);
        Assert.Contains("\"FormId\":\"SAL_SaleOrder\"", handler.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_DocumentedLoginFailure_ThrowsPermanentWithTheServersMessage()
    {
        await using var services = Build(new FixtureHandler().Then("login-failure.json"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector(services).GetAsync("BD_Customer", "C1", CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Contains("LoginResultType 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("用户名或密码错误", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_DocumentedSaveFailure_ThrowsPermanentNamingFieldAndMessage()
    {
        await using var services = Build(new FixtureHandler().Then("login-success.json").Then("[]").Then("save-failure.json"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Connector(services).UpsertAsync(new UpsertRequest("SAL_SaleOrder", "F_CRM_Id", "SO-1", new JsonObject { ["FDate"] = "2024-01-05" }), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("K3_MSG_11", error.ErrorCode);
        Assert.Contains("FCustId: 字段“客户”是必填项", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_DocumentedSaveSuccess_ReturnsNumberAndVersion()
    {
        var handler = new FixtureHandler().Then("login-success.json").Then("[]").Then("save-success.json").Then("""[[100001,"2024-01-05T10:20:30"]]""");
        await using var services = Build(handler);

        var result = await Connector(services).UpsertAsync(new UpsertRequest("SAL_SaleOrder", "F_CRM_Id", "SO-1", new JsonObject { ["FDate"] = "2024-01-05" }), CancellationToken.None);

        Assert.Equal(new UpsertResult("XSDD000001", true, "2024-01-05T02:20:30.000Z"), result);
        var save = JsonNode.Parse(handler.Requests[2].Body)!;
        Assert.Equal(0, save["data"]!["Model"]!["FID"]!.GetValue<int>());
        Assert.Equal("SO-1", save["data"]!["Model"]!["F_CRM_Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_FoundBill_SavesWithFidEntryIdsAndNeedUpDateFields()
    {
        var handler = new FixtureHandler().Then("login-success.json").Then("""[[100001,"XSDD000001","SO-1","2024-01-05T10:20:30","A",200001,1,"C001"]]""")
            .Then("save-success.json").Then("""[[100001,"2024-01-05T10:20:30"]]""");
        await using var services = Build(handler);
        var order = JsonNode.Parse("""
            {"FCustId":{"FNumber":"C001"},"FSaleOrderFinance":{"FSettleCurrId":{"FNumber":"PRE001"}},
             "FSaleOrderEntry":[{"FMaterialId":{"FNumber":"M-1"},"FQty":2},{"FMaterialId":{"FNumber":"M-2"},"FQty":1}]}
            """)!.AsObject();

        var result = await Connector(services).UpsertAsync(new UpsertRequest("SAL_SaleOrder", "F_CRM_Id", "SO-1", order), CancellationToken.None);

        Assert.False(result.Created);
        var data = JsonNode.Parse(handler.Requests[2].Body)!["data"]!;
        Assert.Equal(100001, data["Model"]!["FID"]!.GetValue<long>());
        Assert.Equal(200001, data["Model"]!["FSaleOrderEntry"]![0]!["FEntryID"]!.GetValue<long>());
        Assert.Equal(0, data["Model"]!["FSaleOrderEntry"]![1]!["FEntryID"]!.GetValue<long>());
        var fields = data["NeedUpDateFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.Equal(["FCustId", "FSaleOrderFinance", "FSettleCurrId", "FSaleOrderEntry", "FMaterialId", "FQty", "F_CRM_Id"], fields);
        Assert.Equal("true", data["IsDeleteEntry"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertBatchAsync_DocumentedBatchSaveWithOneError_PlacesResultsByDIndex()
    {
        var handler = new FixtureHandler().Then("login-success.json").Then("[]").Then("batchsave-partial.json")
            .Then("""[[100001,"2024-01-05T10:20:30"],[100002,"2024-01-05T10:20:31"]]""");
        await using var services = Build(handler);
        var requests = Enumerable.Range(1, 3).Select(i => new UpsertRequest("SAL_SaleOrder", "F_CRM_Id", $"SO-{i}", new JsonObject { ["FNote"] = "n" })).ToList();

        var results = await Connector(services).UpsertBatchAsync(requests, CancellationToken.None);

        Assert.Equal("XSDD000001", results[0].Result!.Id);
        Assert.Equal("XSDD000002", results[2].Result!.Id);
        Assert.Equal("K3_MSG_11", results[1].Error!.ErrorCode);
        Assert.Contains("FMaterialId", results[1].Error!.Message, StringComparison.Ordinal);
        Assert.EndsWith("DynamicFormService.BatchSave.common.kdsvc", handler.Requests[2].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChangesAsync_DocumentedArrayOfArrays_NamesValuesByFieldKeys()
    {
        var handler = new FixtureHandler().Then("login-success.json").Then("""[[100001,"2024-01-05T10:20:30.583","XSDD000001","SO-1","C","2024-01-05","C001","A","A","note"]]""")
            .Then("[]").Then("[]").Then("[]").Then("[]");
        await using var services = Build(handler);

        var page = await Connector(services).GetChangesAsync("SAL_SaleOrder", null, CancellationToken.None);

        var change = Assert.Single(page.Changes);
        Assert.Equal("XSDD000001", change.Id);
        Assert.Equal("C001", change.Snapshot!["FCustId"]?["FNumber"]?.GetValue<string>());
        Assert.Equal("2024-01-05T02:20:30.583Z", change.Version);
        var query = JsonNode.Parse(handler.Requests[1].Body)!["data"]!;
        Assert.Equal("FID,FModifyDate,FBillNo,F_CRM_Id,FDocumentStatus,FDate,FCustId.FNumber,FCloseStatus,FCancelStatus,FNote", query["FieldKeys"]!.GetValue<string>());
    }

    [Fact]
    public void ToObject_DocumentedRow_NamesByFieldKeysAndNestsDottedKeys()
    {
        var rows = JsonNode.Parse(FixtureHandler.Read("query-rows.json"))!.AsArray();

        var record = KingdeeQuery.ToObject(["FID", "FBillNo", "F_CRM_Id", "FModifyDate", "FCustId.FNumber"], rows[0]!.AsArray());

        Assert.Equal(100001, record["FID"]!.GetValue<int>());
        Assert.Equal("XSDD000001", record["FBillNo"]!.GetValue<string>());
        Assert.Equal("C", record["FCustId"]!["FNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAsync_DocumentedSessionLostSample_LogsInAgainAndRetriesOnce()
    {
        var handler = new FixtureHandler().Then("login-success.json").Then("session-lost.json").Then("login-success.json").Then("[]");
        await using var services = Build(handler);

        Assert.Null(await Connector(services).GetAsync("BD_Customer", "C1", CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count(r => r.Path.Contains("LoginByAppSecret", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetAsync_QueryErrorWrappedInArrays_ThrowsPermanentWithMsgCode9()
    {
        // The wrapped error shape of ExecuteBillQuery is UNCONFIRMED (docs/kingdee.md); the connector accepts it bare or wrapped.
        await using var services = Build(new FixtureHandler().Then("login-success.json").Then("query-error.json"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector(services).GetAsync("BD_Customer", "C1", CancellationToken.None));

        Assert.Equal("K3_MSG_9", error.ErrorCode);
        Assert.Contains("FNoSuchField", error.Message, StringComparison.Ordinal);
    }

    private static IErpConnector Connector(IServiceProvider services) => services.GetRequiredService<IErpConnector>();

    private static ServiceProvider Build(FixtureHandler handler)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Kingdee:ServerUrl"] = "http://k3.example.test/k3cloud/",
            ["Connectors:Kingdee:AcctId"] = "66a0b1c2d3e4f5",
            ["Connectors:Kingdee:Username"] = "crmbridge",
            ["Connectors:Kingdee:AppId"] = "297431_abc",
            ["Connectors:Kingdee:AppSecret"] = "secret",
            ["Connectors:Kingdee:OrderLinks:Shipment:FieldKeys:0"] = "FCarriageNO",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddCrmBridgeKingdeeConnector(configuration);
        services.AddHttpClient(KingdeeTransport.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }
}
