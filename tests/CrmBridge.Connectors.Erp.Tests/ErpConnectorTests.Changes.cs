using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>The change feed through the connector: paging, deletes, entity filtering, expired checkpoints.</summary>
public sealed partial class ErpConnectorTests
{
    [Fact]
    public async Task GetChangesAsync_EightChangesPageSizeThree_ReturnsThreePagesInOrderWithSnapshots()
    {
        await using var bed = await ErpTestBed.StartAsync(new Dictionary<string, string?> { ["ChangesPageSize"] = "3" });
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var result = await bed.Connector.UpsertAsync(Customer($"Paged {i}"), CancellationToken.None);
            ids.Add(result.Id);
        }

        var pages = new List<ChangePage>();
        string? checkpoint = null;
        do
        {
            pages.Add(await bed.Connector.GetChangesAsync(ErpEntities.Customers, checkpoint, CancellationToken.None));
            checkpoint = pages[^1].NextCheckpoint;
        }
        while (pages[^1].HasMore && pages.Count < 10);

        Assert.Equal([3, 3, 2], pages.Select(p => p.Changes.Count));
        Assert.Equal(ids, pages.SelectMany(p => p.Changes).Select(c => c.Id));
        Assert.All(pages.SelectMany(p => p.Changes), c => Assert.StartsWith("Paged ", c.Snapshot!["name"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("8", checkpoint);
        var after = await bed.Connector.GetChangesAsync(ErpEntities.Customers, checkpoint, CancellationToken.None);
        Assert.Empty(after.Changes);
        Assert.False(after.HasMore);
    }

    [Fact]
    public async Task GetChangesAsync_DeletedRecord_ReturnsDeleteWithoutSnapshot()
    {
        await using var bed = await ErpTestBed.StartAsync();
        var created = await bed.Connector.UpsertAsync(Customer("Doomed"), CancellationToken.None);
        var baseline = await bed.Connector.GetChangesAsync(ErpEntities.Customers, null, CancellationToken.None);

        Assert.True(await bed.Connector.DeleteAsync(ErpEntities.Customers, created.Id, CancellationToken.None));
        var page = await bed.Connector.GetChangesAsync(ErpEntities.Customers, baseline.NextCheckpoint, CancellationToken.None);

        var change = Assert.Single(page.Changes);
        Assert.Equal(created.Id, change.Id);
        Assert.Equal(ChangeOperation.Delete, change.Operation);
        Assert.Null(change.Snapshot);
        Assert.Equal("1", change.Version);
    }

    [Fact]
    public async Task GetChangesAsync_OtherEntitiesChanged_ReturnsOnlyTheAskedEntity()
    {
        await using var bed = await ErpTestBed.StartAsync(new Dictionary<string, string?> { ["ChangesPageSize"] = "2" });
        var customer = await bed.Connector.UpsertAsync(Customer("Feed Owner"), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await bed.Connector.UpsertAsync(new UpsertRequest(ErpEntities.SalesOrders, "externalId", ErpTestServices.NewKey("SO"), Order(customer.Id, 1)), CancellationToken.None);
        }

        var customers = await bed.Connector.GetChangesAsync(ErpEntities.Customers, null, CancellationToken.None);
        var orders = await bed.Connector.GetChangesAsync(ErpEntities.SalesOrders, null, CancellationToken.None);

        Assert.Equal([customer.Id], customers.Changes.Select(c => c.Id));
        Assert.False(customers.HasMore);
        Assert.Equal(2, orders.Changes.Count);
        Assert.True(orders.HasMore);
        Assert.All(orders.Changes, c => Assert.StartsWith("SO-", c.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetChangesAsync_CheckpointOlderThanKeptLog_ThrowsCheckpointExpired()
    {
        await using var bed = await ErpTestBed.StartAsync(sandbox: o => o.ChangeLogCapacity = 3);
        for (var i = 0; i < 10; i++)
        {
            await bed.Connector.UpsertAsync(Customer($"Trim {i}"), CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.GetChangesAsync(ErpEntities.Customers, "1", CancellationToken.None));
        var resync = await bed.Connector.GetChangesAsync(ErpEntities.Customers, "9", CancellationToken.None);

        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
        Assert.Equal(410, error.HttpStatus);
        Assert.Single(resync.Changes);
    }

    [Fact]
    public async Task GetChangesAsync_CheckpointNotASequenceNumber_ThrowsCheckpointExpired()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.GetChangesAsync(ErpEntities.Customers, "delta-token-xyz", CancellationToken.None));

        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
        Assert.Equal("INVALID_CHECKPOINT", error.ErrorCode);
    }

    private static UpsertRequest Customer(string name) =>
        new(ErpEntities.Customers, "externalId", ErpTestServices.NewKey(), new JsonObject { ["name"] = name });
}
