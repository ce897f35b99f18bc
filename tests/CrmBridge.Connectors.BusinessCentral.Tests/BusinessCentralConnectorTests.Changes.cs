using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>Change polling by lastModifiedDateTime: overlap re-read without repeats, server paging, shipments with tracking.</summary>
public sealed class BusinessCentralConnectorChangeTests
{
    [Fact]
    public async Task GetChangesAsync_RecordCommittedLateWithAnEarlierTimestamp_IsStillReturnedOnce()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        await using var sandbox = await BusinessCentralTestHost.StartAsync(o => o.TimeProvider = clock);
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var early = sandbox.Create("customers", new JsonObject { ["displayName"] = "Early" });
        clock.Now += TimeSpan.FromSeconds(30);
        var newest = sandbox.Create("customers", new JsonObject { ["displayName"] = "Newest" });
        var first = await BusinessCentralTestHost.DrainAsync(connector, "customers", null);

        // A transaction that started before the poll commits after it: its timestamp is older than the watermark.
        clock.Now -= TimeSpan.FromSeconds(20);
        var late = sandbox.Create("customers", new JsonObject { ["displayName"] = "Late" });
        clock.Now += TimeSpan.FromSeconds(40);
        var second = await BusinessCentralTestHost.DrainAsync(connector, "customers", first.Checkpoint);
        var third = await BusinessCentralTestHost.DrainAsync(connector, "customers", second.Checkpoint);

        Assert.Equal([early.ToString(), newest.ToString()], first.Changes.Select(c => c.Id));
        Assert.Equal([late.ToString()], second.Changes.Select(c => c.Id));
        Assert.Empty(third.Changes);
    }

    [Fact]
    public async Task GetChangesAsync_UpdatedRecord_IsReturnedAgainWithItsNewVersion()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        await using var sandbox = await BusinessCentralTestHost.StartAsync(o => o.TimeProvider = clock);
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("customers", new JsonObject { ["displayName"] = "Before" });
        var first = await BusinessCentralTestHost.DrainAsync(connector, "customers", null);
        clock.Advance(TimeSpan.FromMilliseconds(5));

        sandbox.Update("customers", id, new JsonObject { ["displayName"] = "After" });
        var second = await BusinessCentralTestHost.DrainAsync(connector, "customers", first.Checkpoint);

        var change = Assert.Single(second.Changes);
        Assert.Equal("After", change.Snapshot!["displayName"]!.GetValue<string>());
        Assert.Equal("2026-11-28T08:00:00.005Z", change.Version);
    }

    [Fact]
    public async Task GetChangesAsync_MoreThanOnePage_FollowsNextLinksAndReturnsEachRecordOnce()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox, o => o.PageSize = 7);
        await using var _ = services;
        var ids = Enumerable.Range(0, 30).Select(i => sandbox.Create("customers", new JsonObject { ["displayName"] = $"Paged {i}" }).ToString()).ToList();

        var drained = await BusinessCentralTestHost.DrainAsync(connector, "customers", null);

        Assert.Equal(5, drained.Pages);
        Assert.Equal(ids.Order(), drained.Changes.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task GetChangesAsync_ForeignCheckpoint_IsCheckpointExpired()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetChangesAsync("customers", "ct:something-else", CancellationToken.None));

        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
    }

    [Fact]
    public async Task GetAsync_ShippedOrder_ShipmentCarriesTrackingFromTheCustomPage()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox, o => o.TrackingApiPath = "api/contoso/shipping/v1.0");
        var (plain, plainServices) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        await using var __ = plainServices;
        var customer = sandbox.Create("customers", new JsonObject { ["displayName"] = "Ship Co" });
        var order = sandbox.Create("salesOrders", new JsonObject
        {
            ["customerId"] = customer.ToString(), ["externalDocumentNumber"] = "ORD-SHIP-1",
            ["salesOrderLines"] = new JsonArray(new JsonObject { ["lineType"] = "Item", ["lineObjectNumber"] = "1900-S", ["quantity"] = 3 }),
        });
        sandbox.ShipOrder(order, "1Z999AA10123456784", "UPS");

        var shipments = await BusinessCentralTestHost.DrainAsync(connector, "salesShipments", null);
        var withoutPage = await BusinessCentralTestHost.DrainAsync(plain, "salesShipments", null);

        var shipment = Assert.Single(shipments.Changes).Snapshot!;
        Assert.Equal("ORD-SHIP-1", shipment["externalDocumentNumber"]!.GetValue<string>());
        Assert.Equal("1Z999AA10123456784", shipment["packageTrackingNo"]!.GetValue<string>());
        Assert.Equal("UPS", shipment["shippingAgentCode"]!.GetValue<string>());
        Assert.Equal(3m, shipment["salesShipmentLines"]![0]!["quantity"]!.GetValue<decimal>());
        Assert.Null(Assert.Single(withoutPage.Changes).Snapshot!["packageTrackingNo"]);
    }

    [Fact]
    public async Task GetAsync_InvoicedOrder_OrderIsGoneAndInvoiceNamesIt()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var customer = sandbox.Create("customers", new JsonObject { ["displayName"] = "Invoice Co" });
        var order = sandbox.Create("salesOrders", new JsonObject
        {
            ["customerId"] = customer.ToString(), ["externalDocumentNumber"] = "ORD-INV-1",
            ["salesOrderLines"] = new JsonArray(new JsonObject { ["lineType"] = "Item", ["lineObjectNumber"] = "1896-S", ["quantity"] = 1, ["unitPrice"] = 250.25 }),
        });
        sandbox.ShipOrder(order);
        var number = sandbox.InvoiceOrder(order);

        var invoices = await BusinessCentralTestHost.DrainAsync(connector, "salesInvoices", null);

        Assert.Null(await connector.GetAsync("salesOrders", order.ToString(), CancellationToken.None));
        var invoice = Assert.Single(invoices.Changes).Snapshot!;
        Assert.Equal(number, invoice["number"]!.GetValue<string>());
        Assert.Equal("ORD-INV-1", invoice["externalDocumentNumber"]!.GetValue<string>());
        Assert.Equal(250.25m, invoice["totalAmountIncludingTax"]!.GetValue<decimal>());
    }
}
