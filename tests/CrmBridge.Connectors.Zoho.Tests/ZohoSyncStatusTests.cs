using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Zoho;
using CrmBridge.Testing.SyncStatus;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The sync status on the Zoho Sales_Orders record (custom fields Sync_Status, ERP_Number, Last_Synced, Sync_Error).</summary>
public sealed class ZohoSyncStatusTests : SyncStatusContract
{
    private readonly ZohoSandboxOptions _zohoOptions = new();
    private ZohoSandbox _zoho = null!;

    protected override string System => "zoho";

    protected override string OrderEntity => "Sales_Orders";

    protected override IReadOnlyList<string> PollEntities => ["Accounts", "Sales_Orders"];

    protected override long CrmCalls => _zoho.RequestCount;

    // one PUT per 100 records (ZohoConnectorOptions.WriteBatchSize)
    protected override long StatusWriteCalls(int outcomes) => (outcomes + 99) / 100;

    protected override string MappingsDirectory => Path.Combine(RepositoryRoot(), "mappings", "zoho");

    protected override async Task StartCrmAsync() => _zoho = await ZohoSandbox.StartAsync(_zohoOptions, CancellationToken.None);

    protected override void AddCrmConnector(IServiceCollection services) =>
        services.AddCrmBridgeZohoConnector(configure: o =>
        {
            o.AccountsUrl = _zoho.BaseAddress;
            o.ClientId = _zohoOptions.ClientId;
            o.ClientSecret = _zohoOptions.ClientSecret;
            o.RefreshToken = _zohoOptions.RefreshToken;
        });

    protected override async ValueTask StopCrmAsync()
    {
        await _zoho.DisposeAsync();
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
