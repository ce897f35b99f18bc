using System.Text.Json.Nodes;
using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Zoho;
using CrmBridge.Testing.SyncStatus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The sync status on the Zoho Sales_Orders record (custom fields Sync_Status, ERP_Number, Last_Synced, Sync_Error).</summary>
public sealed class ZohoSyncStatusTests : SyncStatusContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crmbridge-zoho-status-").FullName;
    private ZohoSandbox _zoho = null!;
    private ErpSandbox _erp = null!;
    private ServiceProvider _provider = null!;

    protected override string System => "zoho";

    protected override string OrderEntity => "Sales_Orders";

    protected override IReadOnlyList<string> PollEntities => ["Accounts", "Sales_Orders"];

    protected override long ErpCalls => _erp.RequestCount;

    protected override long CrmCalls => _zoho.RequestCount;

    // one PUT per 100 records (ZohoConnectorOptions.WriteBatchSize)
    protected override long StatusWriteCalls(int outcomes) => (outcomes + 99) / 100;

    protected override async Task<IServiceProvider> StartAsync()
    {
        var zohoOptions = new ZohoSandboxOptions();
        _zoho = await ZohoSandbox.StartAsync(zohoOptions, CancellationToken.None);
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "status-" + Guid.NewGuid().ToString("N") });
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(_directory, "bridge.db"));
        services.AddCrmBridgeErpConnector(o =>
        {
            o.BaseUrl = _erp.BaseAddress.ToString();
            o.ApiKey = _erp.ApiKey;
        });
        services.AddCrmBridgeZohoConnector(configure: o =>
        {
            o.AccountsUrl = _zoho.BaseAddress;
            o.ClientId = zohoOptions.ClientId;
            o.ClientSecret = zohoOptions.ClientSecret;
            o.RefreshToken = zohoOptions.RefreshToken;
        });
        services.AddCrmBridgeMappings(Path.Combine(RepositoryRoot(), "mappings", "zoho"));
        services.AddCrmBridgePipeline();
        _provider = services.BuildServiceProvider();
        return _provider;
    }

    protected override async Task StopAsync()
    {
        await _provider.DisposeAsync();
        await _erp.DisposeAsync();
        await _zoho.DisposeAsync();
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
        var account = _zoho.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Status " + n, ["Billing_Country"] = "CN" });
        var order = _zoho.CreateRecord("Sales_Orders", new JsonObject
        {
            ["Subject"] = "Order " + n,
            ["SO_Number"] = mappable ? "ZSO-" + n : "   ",
            ["Status"] = "Confirmed",
            ["Account_Name"] = new JsonObject { ["id"] = account, ["name"] = "Status " + n },
            ["Currency"] = "CNY",
        });
        return Task.FromResult(order);
    }

    protected override Task FixOrderAsync(string orderId)
    {
        _zoho.UpdateRecord("Sales_Orders", orderId, new JsonObject { ["SO_Number"] = "ZSO-FIXED-" + orderId[^6..] });
        return Task.CompletedTask;
    }

    protected override JsonObject ReadOrder(string orderId) => _zoho.GetRecord("Sales_Orders", orderId)!;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CrmBridge.sln not found above the test output");
    }
}
