using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>Change polling: FModifyDate watermark + pk tie-breaker, the open second, and shipments/receivables on orders.</summary>
public sealed class KingdeeChangeTests
{
    [Fact]
    public async Task GetChangesAsync_ShippedAndInvoicedOrder_ReportsOrderWithWaybillAndReceivable()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();
        var order = await bed.UpsertOrderAsync("SH-1", KingdeeTestBed.Order(customer, ("M-001", 2)));
        var (_, checkpoint) = await DrainAsync(bed.Connector, "SAL_SaleOrder", null);
        bed.Sandbox.AuditBill("SAL_SaleOrder", order.Id);
        await DrainAsync(bed.Connector, "SAL_SaleOrder", checkpoint);

        bed.Sandbox.ShipOrder(order.Id, "SF0000012345");
        var (shipped, afterShip) = await DrainAsync(bed.Connector, "SAL_SaleOrder", checkpoint);
        var receivable = bed.Sandbox.CreateReceivable(order.Id);
        var (invoiced, _) = await DrainAsync(bed.Connector, "SAL_SaleOrder", afterShip);

        var change = Assert.Single(shipped, c => c.Id == order.Id);
        Assert.Equal("SF0000012345", change.Snapshot!["Shipment"]?["FCarriageNO"]?.GetValue<string>());
        Assert.Equal("C", change.Snapshot["FDocumentStatus"]?.GetValue<string>());
        var last = Assert.Single(invoiced, c => c.Id == order.Id);
        Assert.Equal(receivable, last.Snapshot!["Receivable"]?["FBillNo"]?.GetValue<string>());
        Assert.Equal("SF0000012345", last.Snapshot["Shipment"]?["FCarriageNO"]?.GetValue<string>());
        Assert.True(VersionComparer.Instance.Compare(last.Version, order.Version) >= 0);
    }

    [Fact]
    public async Task GetChangesAsync_ClosedOrder_ReportsCloseStatus()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();
        var order = await bed.UpsertOrderAsync("CL-1", KingdeeTestBed.Order(customer, ("M-001", 2)));
        var (_, checkpoint) = await DrainAsync(bed.Connector, "SAL_SaleOrder", null);

        bed.Sandbox.CloseOrder(order.Id);
        var (changes, _) = await DrainAsync(bed.Connector, "SAL_SaleOrder", checkpoint);

        Assert.Equal("B", Assert.Single(changes, c => c.Id == order.Id).Snapshot!["FCloseStatus"]?.GetValue<string>());
    }

    [Fact]
    public async Task GetChangesAsync_LowerIdEditedInTheOpenSecond_IsReadAgainUntilTheSecondSettles()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero));
        await using var bed = await KingdeeTestBed.StartAsync(new Dictionary<string, string?> { ["WatermarkSettle"] = "00:00:05", ["NetworkControlDelay"] = "00:00:00" }, time);
        var first = await Customer(bed, "W-1", "First");
        var second = await Customer(bed, "W-2", "Second");
        var (initial, checkpoint) = await DrainAsync(bed.Connector, "BD_Customer", null);
        Assert.Equal([first, second], initial.Select(c => c.Id));

        // Same second, lower primary key: a plain "> (time, id)" watermark would never see this edit.
        await Customer(bed, "W-1", "First, renamed");
        var (again, next) = await DrainAsync(bed.Connector, "BD_Customer", checkpoint);
        var (unchanged, settledFrom) = await DrainAsync(bed.Connector, "BD_Customer", next);
        time.Advance(TimeSpan.FromSeconds(10));
        var (afterSettle, _) = await DrainAsync(bed.Connector, "BD_Customer", settledFrom);

        Assert.Equal("First, renamed", Assert.Single(again).Snapshot!["FName"]?.GetValue<string>());
        Assert.Empty(unchanged);
        Assert.Empty(afterSettle);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetChangesAsync_MoreRecordsThanOnePage_PagesWithoutLossOrRepeats(bool wholeSecondTimes)
    {
        await using var bed = await KingdeeTestBed.StartAsync(new Dictionary<string, string?> { ["PageSize"] = "3", ["BatchSize"] = "10" }, wholeSeconds: wholeSecondTimes);
        var requests = Enumerable.Range(1, 10).Select(i => new UpsertRequest("BD_Customer", "F_CRM_Id", $"P-{i}", new JsonObject { ["FName"] = $"Paged {i}" })).ToList();
        var written = await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        var (changes, _) = await DrainAsync(bed.Connector, "BD_Customer", null);

        Assert.Equal(written.Select(w => w.Result!.Id).Order(), changes.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task GetChangesAsync_ForeignCheckpoint_ThrowsCheckpointExpired()
    {
        await using var bed = await KingdeeTestBed.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.GetChangesAsync("BD_Customer", "12345", CancellationToken.None));

        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
    }

    private static async Task<string> Customer(KingdeeTestBed bed, string key, string name) =>
        (await bed.Connector.UpsertAsync(new UpsertRequest("BD_Customer", "F_CRM_Id", key, new JsonObject { ["FName"] = name }), CancellationToken.None)).Id;

    private static async Task<(List<RecordChange> Changes, string? Checkpoint)> DrainAsync(IConnector connector, string entity, string? checkpoint)
    {
        var all = new List<RecordChange>();
        for (var i = 0; i < 1000; i++)
        {
            var page = await connector.GetChangesAsync(entity, checkpoint, CancellationToken.None);
            all.AddRange(page.Changes);
            checkpoint = page.NextCheckpoint;
            if (!page.HasMore)
            {
                return (all, checkpoint);
            }
        }

        throw new InvalidOperationException("The change feed never ended.");
    }
}
