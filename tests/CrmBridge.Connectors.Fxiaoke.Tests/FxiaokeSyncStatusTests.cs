using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Fxiaoke;
using CrmBridge.Testing.Http;
using CrmBridge.Testing.SyncStatus;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>The sync status on the Fxiaoke SalesOrderObj (custom fields sync_status__c, erp_number__c, last_synced_time__c, sync_error__c).</summary>
public sealed class FxiaokeSyncStatusTests : SyncStatusContract
{
    private FxiaokeSandbox _fxiaoke = null!;
    private FxiaokeConnector _connector = null!;

    protected override string System => "fxiaoke";

    protected override string OrderEntity => "SalesOrderObj";

    protected override IReadOnlyList<string> PollEntities => ["AccountObj", "SalesOrderObj"];

    protected override long CrmCalls => _fxiaoke.RequestCount;

    // no batch write: one update per record, and one get for the version it produced
    protected override long StatusWriteCalls(int outcomes) => 2L * outcomes;

    // 2 calls per outcome: stay below the emulator's per-second rate limit (beyond it, writes are throttled and re-queued).
    protected override int StatusBatchOutcomes => 30;

    protected override string MappingsDirectory => FxiaokeDefaultMappingsTests.MappingsDirectory();

    protected override async Task StartCrmAsync()
    {
        _fxiaoke = await FxiaokeSandbox.StartAsync(new FxiaokeSandboxOptions(), CancellationToken.None);
        _connector = new FxiaokeConnector(FxiaokeTestHost.ConnectorOptions(_fxiaoke), TestHttpClients.Factory);
    }

    protected override void AddCrmConnector(IServiceCollection services) => services.AddSingleton<IConnector>(_connector);

    protected override async ValueTask StopCrmAsync()
    {
        _connector.Dispose();
        await _fxiaoke.DisposeAsync();
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
