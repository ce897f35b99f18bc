using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Intake;

public sealed class PollOrderTests
{
    private static readonly PollTarget[] Targets =
    [
        new("dataverse", "salesorders", TimeSpan.FromSeconds(30)),
        new("dataverse", "incidents", TimeSpan.FromSeconds(30)),
        new("erp", "salesOrders", TimeSpan.FromSeconds(30)),
        new("dataverse", "accounts", TimeSpan.FromSeconds(30)),
    ];

    /// <summary>A route as the shipped Dataverse mappings load it: <c>lookup: customer</c> → dataverse/accounts.</summary>
    internal static SyncRoute Route(string system, string entity, params (string System, string Entity)[] lookups) => new()
    {
        Name = $"{system}-{entity}",
        SourceSystem = system,
        SourceEntity = entity,
        TargetSystem = system == "erp" ? "dataverse" : "erp",
        TargetEntity = entity + "-target",
        SourceKeyField = "id",
        TargetKeyField = "externalId",
        Lookups = lookups.Select((l, i) => new LookupDefinition("lookup" + i, l.System, l.Entity, "erp", l.Entity + "-target")).ToList(),
    };

    private static PollOrder DataverseMappings() => new(
    [
        Route("dataverse", "accounts", ("dataverse", "accounts")), // a parent account: its own entity, no order
        Route("dataverse", "salesorders", ("dataverse", "accounts")),
        Route("dataverse", "incidents", ("dataverse", "accounts")),
        Route("erp", "salesOrders", ("dataverse", "accounts")), // another system's entity: not polled first
    ]);

    [Fact]
    public void Tiers_OrdersAndCasesLookUpAccounts_AccountsFirstThenTheRestInTheirOrder()
    {
        var tiers = DataverseMappings().Tiers(Targets, t => (t.System, t.Entity));

        Assert.Equal(2, tiers.Count);
        Assert.Equal(["erp/salesOrders", "dataverse/accounts"], tiers[0].Select(t => $"{t.System}/{t.Entity}"));
        Assert.Equal(["dataverse/salesorders", "dataverse/incidents"], tiers[1].Select(t => $"{t.System}/{t.Entity}"));
    }

    [Fact]
    public void ParentsOf_DifferentCase_FindsTheParentAndIgnoresOtherSystemsAndSelfReferences()
    {
        var order = DataverseMappings();

        Assert.Equal([("dataverse", "accounts")], order.ParentsOf("DataVerse", "SalesOrders"));
        Assert.Empty(order.ParentsOf("dataverse", "accounts"));
        Assert.Empty(order.ParentsOf("erp", "salesOrders"));
    }

    [Fact]
    public void Tiers_ChainOfThreeAndParentNotPolled_OneTierPerLevelOfPolledParents()
    {
        var order = new PollOrder(
        [
            Route("zoho", "Contacts", ("zoho", "Accounts")),
            Route("zoho", "Sales_Orders", ("zoho", "Contacts"), ("zoho", "Accounts")),
            Route("zoho", "Cases", ("zoho", "Vendors")), // Vendors is not polled: Cases waits for nothing
        ]);
        PollTarget[] targets = [new("zoho", "Sales_Orders", TimeSpan.FromSeconds(1)), new("zoho", "Cases", TimeSpan.FromSeconds(1)), new("zoho", "Contacts", TimeSpan.FromSeconds(1)), new("zoho", "Accounts", TimeSpan.FromSeconds(1))];

        var tiers = order.Tiers(targets, t => (t.System, t.Entity)).Select(t => t.Select(x => x.Entity).ToList()).ToList();

        Assert.Equal([["Cases", "Accounts"], ["Contacts"], ["Sales_Orders"]], tiers);
    }

    [Fact]
    public void Constructor_LookupsFormACycle_BreaksItTheSameWayWhateverTheRouteOrderAndLogsOnce()
    {
        SyncRoute[] routes = [Route("crm", "b", ("crm", "a")), Route("crm", "a", ("crm", "b")), Route("crm", "c", ("crm", "a"))];
        var logger = new ListLogger<PollOrder>();

        var order = new PollOrder(routes, logger);
        var reversed = new PollOrder(routes.Reverse());

        // Visited in ordinal order: A first, its lookup of B is kept, B's lookup of A closes the cycle and is dropped.
        Assert.Equal([(("crm", "b"), ("crm", "a"))], order.BrokenCycles);
        Assert.Equal(order.BrokenCycles, reversed.BrokenCycles);
        Assert.Equal([("crm", "b")], order.ParentsOf("crm", "a"));
        Assert.Empty(order.ParentsOf("crm", "b"));
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("crm/b and crm/a reference each other", entry.Message, StringComparison.Ordinal);
        var tiers = order.Tiers([("crm", "a"), ("crm", "b"), ("crm", "c")], t => t);
        Assert.Equal([[("crm", "b")], [("crm", "a")], [("crm", "c")]], tiers);
    }
}
