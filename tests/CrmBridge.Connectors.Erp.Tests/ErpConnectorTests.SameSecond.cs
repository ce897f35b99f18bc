using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>
/// Convergence of the change feed: its checkpoint is a sequence number, one per write, so edits in the second of a poll
/// (updatedAt has one-second resolution) are read however they are ordered by id. No open window to re-read.
/// </summary>
public sealed partial class ErpConnectorTests
{
    [Fact]
    public async Task GetChangesAsync_EditsInTheSecondOfThePreviousPoll_ReturnsTheirLatestVersions()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 8, 0, 0, 200, TimeSpan.Zero));
        await using var bed = await ErpTestBed.StartAsync(sandbox: o => o.TimeProvider = clock);
        var (lowKey, highKey) = (ErpTestServices.NewKey(), ErpTestServices.NewKey());
        var low = await bed.Sandbox.UpsertRecordAsync(ErpEntities.Customers, lowKey, new JsonObject { ["name"] = "Low" });
        var high = await bed.Sandbox.UpsertRecordAsync(ErpEntities.Customers, highKey, new JsonObject { ["name"] = "High" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var checkpoint = (await bed.Connector.GetChangesAsync(ErpEntities.Customers, null, CancellationToken.None)).NextCheckpoint;

        await bed.Sandbox.UpsertRecordAsync(ErpEntities.Customers, highKey, new JsonObject { ["name"] = "High 1" });
        var first = await bed.Connector.GetChangesAsync(ErpEntities.Customers, checkpoint, CancellationToken.None);
        await bed.Sandbox.UpsertRecordAsync(ErpEntities.Customers, lowKey, new JsonObject { ["name"] = "Low 1" });   // (a) lower id, same second
        await bed.Sandbox.UpsertRecordAsync(ErpEntities.Customers, highKey, new JsonObject { ["name"] = "High 2" }); // (b) already read, same second
        var second = await bed.Connector.GetChangesAsync(ErpEntities.Customers, first.NextCheckpoint, CancellationToken.None);

        Assert.Equal("High 1", Assert.Single(first.Changes).Snapshot!["name"]!.GetValue<string>());
        Assert.Equal(["Low 1", "High 2"], second.Changes.Select(c => c.Snapshot!["name"]!.GetValue<string>()));
        Assert.Equal([low["id"]!.ToString(), high["id"]!.ToString()], second.Changes.Select(c => c.Id));
        Assert.Equal(second.Changes[1].Version, (await bed.Connector.GetAsync(ErpEntities.Customers, high["id"]!.ToString(), CancellationToken.None))!.Version);
    }
}
