using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Testing.SyncStatus;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The sync status on the Dataverse salesorder (columns crmb_syncstatus, crmb_erpnumber, crmb_lastsyncedon, crmb_syncerror).</summary>
public sealed class DataverseSyncStatusTests : SyncStatusContract
{
    private DataverseSandbox _dataverse = null!;

    protected override string System => "dataverse";

    protected override string OrderEntity => "salesorders";

    protected override IReadOnlyList<string> PollEntities => ["accounts", "salesorders"];

    protected override long CrmCalls => _dataverse.RequestCount;

    // one $batch per 1,000 (DataverseOptions.BatchSize)
    protected override long StatusWriteCalls(int outcomes) => (outcomes + 999) / 1000;

    protected override string MappingsDirectory => DataverseMappingsTests.MappingsDirectory();

    protected override async Task StartCrmAsync() => _dataverse = await DataverseTestHost.StartAsync();

    protected override void AddCrmConnector(IServiceCollection services) =>
        services.AddCrmBridgeDataverseConnector(configure: o => DataverseTestHost.Point(o, _dataverse));

    protected override async ValueTask StopCrmAsync()
    {
        await _dataverse.DisposeAsync();
    }

    protected override Task<string> CreateOrderAsync(bool mappable)
    {
        var n = Guid.NewGuid().ToString("N")[..8];
        var account = _dataverse.Create("accounts", new JsonObject { ["name"] = "Status " + n, ["accountnumber"] = "ST-" + n, ["address1_country"] = "China" });
        var order = _dataverse.Create("salesorders", new JsonObject
        {
            ["name"] = "Order " + n,
            ["ordernumber"] = mappable ? "ORD-" + n : "   ",
            ["customerid_account@odata.bind"] = $"/accounts({account})",
        });
        _dataverse.Update("salesorders", order, new JsonObject { ["statecode"] = 1, ["statuscode"] = 3 });
        return Task.FromResult(order.ToString());
    }

    protected override Task FixOrderAsync(string orderId)
    {
        _dataverse.Update("salesorders", Guid.Parse(orderId), new JsonObject { ["ordernumber"] = "ORD-FIXED-" + orderId[..8] });
        return Task.CompletedTask;
    }

    protected override JsonObject ReadOrder(string orderId) => _dataverse.Get("salesorders", Guid.Parse(orderId))!;
}
