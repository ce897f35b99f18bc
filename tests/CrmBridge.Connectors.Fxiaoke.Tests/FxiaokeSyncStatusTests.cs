using System.Text.Json.Nodes;
using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Fxiaoke;
using CrmBridge.Testing.Http;
using CrmBridge.Testing.SyncStatus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>The sync status on the Fxiaoke SalesOrderObj (custom fields sync_status__c, erp_number__c, last_synced_time__c, sync_error__c).</summary>
public sealed class FxiaokeSyncStatusTests : SyncStatusContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crmbridge-fx-status-").FullName;
    private FxiaokeSandbox _fxiaoke = null!;
    private FxiaokeConnector _connector = null!;
    private ErpSandbox _erp = null!;
    private ServiceProvider _provider = null!;

    protected override string System => "fxiaoke";

    protected override string OrderEntity => "SalesOrderObj";

    protected override IReadOnlyList<string> PollEntities => ["AccountObj", "SalesOrderObj"];

    protected override long ErpCalls => _erp.RequestCount;

    protected override long CrmCalls => _fxiaoke.RequestCount;

    // no batch write: one update per record, and one get for the version it produced
    protected override long StatusWriteCalls(int outcomes) => 2L * outcomes;

    // 2 calls per outcome: stay below the emulator's per-second rate limit (beyond it, writes are throttled and re-queued).
    protected override int StatusBatchOutcomes => 30;

    protected override async Task<IServiceProvider> StartAsync()
    {
        _fxiaoke = await FxiaokeSandbox.StartAsync(new FxiaokeSandboxOptions(), CancellationToken.None);
        _connector = new FxiaokeConnector(FxiaokeTestHost.ConnectorOptions(_fxiaoke), TestHttpClients.Factory);
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "status-" + Guid.NewGuid().ToString("N") });
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(_directory, "bridge.db"));
        services.AddCrmBridgeErpConnector(o =>
        {
            o.BaseUrl = _erp.BaseAddress.ToString();
            o.ApiKey = _erp.ApiKey;
        });
        services.AddSingleton<IConnector>(_connector);
        services.AddCrmBridgeMappings(FxiaokeDefaultMappingsTests.MappingsDirectory());
        services.AddCrmBridgePipeline();
        _provider = services.BuildServiceProvider();
        return _provider;
    }

    protected override async Task StopAsync()
    {
        await _provider.DisposeAsync();
        _connector.Dispose();
        await _erp.DisposeAsync();
        await _fxiaoke.DisposeAsync();
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
        var account = _fxiaoke.CreateRecord("AccountObj", new JsonObject { ["name"] = "Status " + n, ["account_no"] = "ST-" + n, ["country"] = "CN" });
        var order = new JsonObject { ["account_id"] = account, ["order_status"] = "7", ["order_amount"] = "100.00", ["mc_currency"] = "CNY" };
        if (!mappable)
        {
            order["name"] = "   ";
        }

        return Task.FromResult(_fxiaoke.CreateRecord("SalesOrderObj", order));
    }

    protected override Task FixOrderAsync(string orderId)
    {
        _fxiaoke.UpdateRecord("SalesOrderObj", orderId, new JsonObject { ["name"] = "SO-FIXED-" + orderId[^6..] });
        return Task.CompletedTask;
    }

    protected override JsonObject ReadOrder(string orderId) => _fxiaoke.GetRecord("SalesOrderObj", orderId)!;
}
