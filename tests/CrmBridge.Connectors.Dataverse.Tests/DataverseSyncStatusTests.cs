using System.Text.Json.Nodes;
using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Testing.SyncStatus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The sync status on the Dataverse salesorder (columns crmb_syncstatus, crmb_erpnumber, crmb_lastsyncedon, crmb_syncerror).</summary>
public sealed class DataverseSyncStatusTests : SyncStatusContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crmbridge-dv-status-").FullName;
    private DataverseSandbox _dataverse = null!;
    private ErpSandbox _erp = null!;
    private ServiceProvider _provider = null!;

    protected override string System => "dataverse";

    protected override string OrderEntity => "salesorders";

    protected override IReadOnlyList<string> PollEntities => ["accounts", "salesorders"];

    protected override long ErpCalls => _erp.RequestCount;

    protected override long CrmCalls => _dataverse.RequestCount;

    // one $batch per 1,000 (DataverseOptions.BatchSize)
    protected override long StatusWriteCalls(int outcomes) => (outcomes + 999) / 1000;

    protected override async Task<IServiceProvider> StartAsync()
    {
        _dataverse = await DataverseTestHost.StartAsync();
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "status-" + Guid.NewGuid().ToString("N") });
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(_directory, "bridge.db"));
        services.AddCrmBridgeErpConnector(o =>
        {
            o.BaseUrl = _erp.BaseAddress.ToString();
            o.ApiKey = _erp.ApiKey;
        });
        services.AddCrmBridgeDataverseConnector(configure: o => DataverseTestHost.Point(o, _dataverse));
        services.AddCrmBridgeMappings(DataverseMappingsTests.MappingsDirectory());
        services.AddCrmBridgePipeline();
        _provider = services.BuildServiceProvider();
        return _provider;
    }

    protected override async Task StopAsync()
    {
        await _provider.DisposeAsync();
        await _erp.DisposeAsync();
        await _dataverse.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a pooled handle on a slow machine; the temp cleaner removes it
        }
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
