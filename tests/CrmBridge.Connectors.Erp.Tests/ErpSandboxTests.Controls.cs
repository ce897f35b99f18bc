using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>Ship / invoice / resolve: what the ERP's users do, seen through the connector's change feed.</summary>
public sealed partial class ErpSandboxTests
{
    [Fact]
    public async Task ShipOrderAsync_OpenOrder_ProducesShippedChangeWithTracking()
    {
        await using var bed = await ErpTestBed.StartAsync();
        var (orderId, checkpoint) = await CreateOrderAsync(bed);

        await bed.Sandbox.ShipOrderAsync(orderId, "SF1234567", "SF Express");
        var change = Assert.Single((await bed.Connector.GetChangesAsync(ErpEntities.SalesOrders, checkpoint, CancellationToken.None)).Changes);

        Assert.Equal(orderId, change.Id);
        Assert.Equal("2", change.Version);
        Assert.Equal("SHIPPED", change.Snapshot!["status"]!.GetValue<string>());
        Assert.Equal("SF1234567", change.Snapshot["trackingNumber"]!.GetValue<string>());
        Assert.Equal("SF Express", change.Snapshot["carrier"]!.GetValue<string>());
        Assert.NotNull(change.Snapshot["shippedAt"]);
    }

    [Fact]
    public async Task InvoiceOrderAsync_ShippedOrder_ProducesInvoicedChange()
    {
        await using var bed = await ErpTestBed.StartAsync();
        var (orderId, _) = await CreateOrderAsync(bed);
        await bed.Sandbox.ShipOrderAsync(orderId);
        var checkpoint = bed.Sandbox.LastChangeSeq.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await bed.Sandbox.InvoiceOrderAsync(orderId);
        var change = Assert.Single((await bed.Connector.GetChangesAsync(ErpEntities.SalesOrders, checkpoint, CancellationToken.None)).Changes);

        Assert.Equal("INVOICED", change.Snapshot!["status"]!.GetValue<string>());
        Assert.Equal("INV-" + orderId[3..], change.Snapshot["invoiceNumber"]!.GetValue<string>());
        Assert.Equal("TRK" + orderId[3..], change.Snapshot["trackingNumber"]!.GetValue<string>());
        Assert.Equal("3", change.Version);
    }

    [Fact]
    public async Task ResolveCaseAsync_OpenCase_ProducesResolvedChange()
    {
        await using var bed = await ErpTestBed.StartAsync();
        var created = await bed.Connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Cases, "externalId", ErpTestServices.NewKey("CASE"), new JsonObject { ["subject"] = "Damaged parcel", ["priority"] = "HIGH" }),
            CancellationToken.None);
        var baseline = await bed.Connector.GetChangesAsync(ErpEntities.Cases, null, CancellationToken.None);

        await bed.Sandbox.ResolveCaseAsync(created.Id, "Replacement sent.");
        var change = Assert.Single((await bed.Connector.GetChangesAsync(ErpEntities.Cases, baseline.NextCheckpoint, CancellationToken.None)).Changes);

        Assert.Equal("RESOLVED", change.Snapshot!["status"]!.GetValue<string>());
        Assert.Equal("Replacement sent.", change.Snapshot["resolution"]!.GetValue<string>());
        Assert.NotNull(change.Snapshot["resolvedAt"]);
    }

    [Fact]
    public async Task ShipOrderAsync_UnknownOrder_ThrowsKeyNotFound()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });

        await Assert.ThrowsAsync<KeyNotFoundException>(() => erp.ShipOrderAsync("SO-999999"));
    }

    [Fact]
    public async Task ShipOrderAsync_CancelledOrder_ThrowsInvalidOperation()
    {
        await using var bed = await ErpTestBed.StartAsync();
        var (orderId, _) = await CreateOrderAsync(bed);
        var order = bed.Sandbox.GetRecord(ErpEntities.SalesOrders, orderId)!;
        await bed.Sandbox.UpsertRecordAsync(ErpEntities.SalesOrders, order["externalId"]!.GetValue<string>(), new JsonObject { ["status"] = "CANCELLED" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bed.Sandbox.ShipOrderAsync(orderId));

        Assert.Contains("INVALID_STATE", error.Message, StringComparison.Ordinal);
        Assert.Equal("CANCELLED", bed.Sandbox.GetRecord(ErpEntities.SalesOrders, orderId)!["status"]!.GetValue<string>());
    }

    private static async Task<(string OrderId, string? Checkpoint)> CreateOrderAsync(ErpTestBed bed)
    {
        var customer = await bed.Connector.UpsertAsync(CustomerRequest("Control Customer"), CancellationToken.None);
        var order = await bed.Connector.UpsertAsync(OrderRequest(customer.Id), CancellationToken.None);
        var baseline = await bed.Connector.GetChangesAsync(ErpEntities.SalesOrders, null, CancellationToken.None);
        return (order.Id, baseline.NextCheckpoint);
    }
}
