using System.Text.Json.Nodes;
using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>
/// The whole flow with the shipped mappings: Dataverse sandbox → change tracking → pipeline (SQLite) → reference ERP,
/// then ERP shipping/invoicing/resolution → Dataverse write-back; and an expired delta token's full resync adds no duplicates.
/// </summary>
public sealed class DataverseSyncEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);
    private readonly string _directory = Directory.CreateTempSubdirectory("crmbridge-dv-e2e-").FullName;
    private readonly List<IHostedService> _started = [];
    private DataverseSandbox _dataverse = null!;
    private ErpSandbox _erp = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _dataverse = await DataverseTestHost.StartAsync();
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "e2e-" + Guid.NewGuid().ToString("N") });
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
        services.Configure<PipelineOptions>(o =>
        {
            o.BaseRetryDelay = TimeSpan.FromMilliseconds(100);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
            o.DeferralDelay = TimeSpan.FromMilliseconds(200);
            o.IdleDelay = TimeSpan.FromMilliseconds(50);

            // One lane: with two, two envelopes of the same ERP order (shipped v2, invoiced v3) can be handled by different
            // lanes at once and the older write land last (reproduced with 300 orders; reported to the pipeline owner).
            // This test checks the Dataverse side, so it runs the ordering the pipeline guarantees within one lane.
            o.Lanes = 1;
        });
        var interval = TimeSpan.FromMilliseconds(200);
        services.AddCrmBridgeStandaloneHost(
        [
            new PollTarget("dataverse", "accounts", interval), new PollTarget("dataverse", "salesorders", interval), new PollTarget("dataverse", "incidents", interval),
            new PollTarget("erp", "salesOrders", interval), new PollTarget("erp", "cases", interval),
        ]);
        _provider = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
        }

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

    [Fact]
    public async Task Bridge_SeededDataverse_ReachesErpAndErpValuesFlowBackWithoutDuplicates()
    {
        var orders = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var account = _dataverse.Create("accounts", new JsonObject { ["name"] = $"E2E {i}", ["accountnumber"] = $"E2E-{i}", ["address1_country"] = "China" });
            var order = _dataverse.Create("salesorders", new JsonObject { ["name"] = $"Order {i}", ["ordernumber"] = $"E2E-ORD-{i}", ["customerid_account@odata.bind"] = $"/accounts({account})" });
            _dataverse.Create("salesorderdetails", new JsonObject { ["salesorderid@odata.bind"] = $"/salesorders({order})", ["lineitemnumber"] = 1, ["quantity"] = 2, ["priceperunit"] = 5m });
            _dataverse.Update("salesorders", order, new JsonObject { ["statecode"] = 1, ["statuscode"] = 3 });
            orders.Add(order);
            if (i % 3 == 0)
            {
                _dataverse.Create("incidents", new JsonObject { ["title"] = $"Case {i}", ["prioritycode"] = 2, ["customerid_account@odata.bind"] = $"/accounts({account})" });
            }
        }

        _dataverse.Create("salesorders", new JsonObject { ["name"] = "Draft", ["ordernumber"] = "E2E-DRAFT" }); // statecode 0: filtered
        await StartAsync();

        await WaitAsync(() => _erp.Count("customers") == 12 && _erp.Count("salesOrders") == 12 && _erp.Count("cases") == 4, "records reach the ERP");
        Assert.All(_erp.ListRecords("salesOrders"), o => Assert.Single(o["lines"]!.AsArray()));

        // An expired delta token makes the poller resync everything; upserts by external id keep the ERP duplicate-free.
        _dataverse.ExpireDeltaTokens();
        _dataverse.Update("accounts", Guid.Parse(_erp.ListRecords("customers")[0]["externalId"]!.GetValue<string>()), new JsonObject { ["telephone1"] = "after-expiry" });
        await WaitAsync(() => _erp.ListRecords("customers").Any(c => c["phone"]?.GetValue<string>() == "after-expiry"), "the change after the resync arrives");
        Assert.Equal(12, _erp.Count("customers"));
        Assert.Equal(12, _erp.Count("salesOrders"));

        foreach (var order in _erp.ListRecords("salesOrders"))
        {
            var id = order["id"]!.GetValue<string>();
            await _erp.ShipOrderAsync(id, "TRK-" + id, "SF");
            await _erp.InvoiceOrderAsync(id, "INV-" + id);
        }

        foreach (var erpCase in _erp.ListRecords("cases"))
        {
            await _erp.ResolveCaseAsync(erpCase["id"]!.GetValue<string>(), "Replaced the part");
        }

        await WaitAsync(
            () => _dataverse.Count("salesorders", r => r["new_invoicenumber"] is not null && r["new_trackingnumber"] is not null && r["new_erpstatus"]?.ToJsonString() == "100000002") == 12
                && _dataverse.Count("incidents", r => r["new_resolution"]?.GetValue<string>() == "Replaced the part") == 4,
            "ERP values flow back");
        Assert.Equal(12, _erp.Count("salesOrders"));
        Assert.Equal(13, _dataverse.Count("salesorders", _ => true));
    }

    private async Task StartAsync()
    {
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
