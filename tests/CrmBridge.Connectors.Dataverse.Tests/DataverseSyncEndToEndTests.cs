using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Testing.EndToEnd;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>
/// The whole flow with the shipped mappings: Dataverse sandbox → change tracking → pipeline (SQLite) → reference ERP,
/// then ERP shipping/invoicing/resolution → Dataverse write-back; and an expired delta token's full resync adds no duplicates.
/// </summary>
public sealed class DataverseSyncEndToEndTests : IAsyncLifetime
{
    private readonly PipelineBed _bed = new("dv-e2e");
    private DataverseSandbox _dataverse = null!;

    private ErpSandbox Erp => _bed.Erp;

    public async Task InitializeAsync()
    {
        _dataverse = await DataverseTestHost.StartAsync();
        var interval = TimeSpan.FromMilliseconds(200);
        await _bed.BuildAsync(
            DataverseMappingsTests.MappingsDirectory(),
            services => services.AddCrmBridgeDataverseConnector(configure: o => DataverseTestHost.Point(o, _dataverse)),
            [
                new PollTarget("dataverse", "accounts", interval), new PollTarget("dataverse", "salesorders", interval), new PollTarget("dataverse", "incidents", interval),
                new PollTarget("erp", "salesOrders", interval), new PollTarget("erp", "cases", interval),
            ],
            o =>
            {
                PipelineBed.ShortDelays(o);
                o.DeferralDelay = TimeSpan.FromMilliseconds(200);

                // One lane: with two, two envelopes of the same ERP order (shipped v2, invoiced v3) can be handled by different
                // lanes at once and the older write land last (reproduced with 300 orders; reported to the pipeline owner).
                // This test checks the Dataverse side, so it runs the ordering the pipeline guarantees within one lane.
                o.Lanes = 1;
            });
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        await _dataverse.DisposeAsync();
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
        await _bed.StartHostAsync();

        await PipelineBed.WaitAsync(() => Erp.Count("customers") == 12 && Erp.Count("salesOrders") == 12 && Erp.Count("cases") == 4, "records reach the ERP");
        Assert.All(Erp.ListRecords("salesOrders"), o => Assert.Single(o["lines"]!.AsArray()));

        // An expired delta token makes the poller resync everything; upserts by external id keep the ERP duplicate-free.
        _dataverse.ExpireDeltaTokens();
        _dataverse.Update("accounts", Guid.Parse(Erp.ListRecords("customers")[0]["externalId"]!.GetValue<string>()), new JsonObject { ["telephone1"] = "after-expiry" });
        await PipelineBed.WaitAsync(() => Erp.ListRecords("customers").Any(c => c["phone"]?.GetValue<string>() == "after-expiry"), "the change after the resync arrives");
        Assert.Equal(12, Erp.Count("customers"));
        Assert.Equal(12, Erp.Count("salesOrders"));

        foreach (var order in Erp.ListRecords("salesOrders"))
        {
            var id = order["id"]!.GetValue<string>();
            await Erp.ShipOrderAsync(id, "TRK-" + id, "SF");
            await Erp.InvoiceOrderAsync(id, "INV-" + id);
        }

        foreach (var erpCase in Erp.ListRecords("cases"))
        {
            await Erp.ResolveCaseAsync(erpCase["id"]!.GetValue<string>(), "Replaced the part");
        }

        await PipelineBed.WaitAsync(
            () => _dataverse.Count("salesorders", r => r["new_invoicenumber"] is not null && r["new_trackingnumber"] is not null && r["new_erpstatus"]?.ToJsonString() == "100000002") == 12
                && _dataverse.Count("incidents", r => r["new_resolution"]?.GetValue<string>() == "Replaced the part") == 4,
            "ERP values flow back");
        Assert.Equal(12, Erp.Count("salesOrders"));
        Assert.Equal(13, _dataverse.Count("salesorders", _ => true));
    }
}
