using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>Change polling over real HTTP: deep paging past offset 10000, records sharing a timestamp, deletes.</summary>
public sealed partial class FxiaokeConnectorChangesTests
{
    [Fact]
    public async Task GetChangesAsync_MoreThan10000RecordsInTimestampGroups_ReturnsEachExactlyOnce()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        await using var host = await FxiaokeTestHost.StartAsync(
            s => { s.TimeProvider = clock; s.CallsPerWindow = 100_000; },
            c => c.CallsPerWindow = 100_000);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_250; i++)
        {
            if (i % 1_000 == 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1)); // groups of 1000 records share one millisecond
            }

            expected.Add(host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = $"Deep {i}" }));
        }

        var (changes, _) = await DrainAsync(host.Connector, "AccountObj", null);

        Assert.Equal(10_250, changes.Count);
        Assert.Equal(expected.Count, changes.Select(c => c.Id).Distinct().Count());
        Assert.True(expected.SetEquals(changes.Select(c => c.Id)));
    }

    [Fact]
    public async Task GetChangesAsync_PageBoundaryInsideSharedTimestamp_SkipsNothingAndRepeatsNothing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        await using var host = await FxiaokeTestHost.StartAsync(s => s.TimeProvider = clock);
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            ids.Add(host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = $"A{i}" }));
        }

        clock.Advance(TimeSpan.FromMilliseconds(1));
        for (var i = 0; i < 130; i++)
        {
            ids.Add(host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = $"B{i}" })); // straddles pages 1-3
        }

        clock.Advance(TimeSpan.FromMinutes(1)); // a closed window is read once; an open one would be read again
        var (first, checkpoint) = await DrainAsync(host.Connector, "AccountObj", null);
        var late = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Late" });
        var (second, _) = await DrainAsync(host.Connector, "AccountObj", checkpoint);

        Assert.Equal(ids, first.Select(c => c.Id));
        Assert.Equal([late], second.Select(c => c.Id));
    }

    [Fact]
    public async Task GetChangesAsync_InvalidatedRecord_ReturnsDeleteChange()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await FxiaokeTestHost.StartAsync(s => s.TimeProvider = clock);
        var id = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Gone Co" });
        var (_, checkpoint) = await DrainAsync(host.Connector, "AccountObj", null);

        clock.Advance(TimeSpan.FromMilliseconds(5));
        host.Sandbox.InvalidateRecord("AccountObj", id);
        var (changes, _) = await DrainAsync(host.Connector, "AccountObj", checkpoint);

        var change = Assert.Single(changes);
        Assert.Equal(id, change.Id);
        Assert.Equal(ChangeOperation.Delete, change.Operation);
        Assert.Null(change.Snapshot);
    }

    [Fact]
    public async Task GetChangesAsync_OrdersWithLines_CarriesLinesInSnapshot()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var account = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Lines Co" });
        var order = host.Sandbox.CreateRecord("SalesOrderObj", new() { ["account_id"] = account, ["order_status"] = "7" },
            [new JsonObject { ["product_id"] = "P-1", ["quantity"] = "2" }, new JsonObject { ["product_id"] = "P-2", ["quantity"] = "1.5" }]);

        var (changes, _) = await DrainAsync(host.Connector, "SalesOrderObj", null);

        var snapshot = Assert.Single(changes).Snapshot!;
        Assert.Equal(order, snapshot["_id"]!.GetValue<string>());
        var lines = snapshot["SalesOrderProductObj"]!.AsArray();
        Assert.Equal(["P-1", "P-2"], lines.Select(l => l!["product_id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task GetChangesAsync_UnreadableCheckpoint_ThrowsCheckpointExpired()
    {
        await using var host = await FxiaokeTestHost.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.GetChangesAsync("AccountObj", "garbage", CancellationToken.None));

        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
    }

    private static async Task<(List<RecordChange> Changes, string? Checkpoint)> DrainAsync(IConnector connector, string entity, string? checkpoint)
    {
        var all = new List<RecordChange>();
        for (var i = 0; i < 1_000; i++)
        {
            var page = await connector.GetChangesAsync(entity, checkpoint, CancellationToken.None);
            all.AddRange(page.Changes);
            checkpoint = page.NextCheckpoint;
            if (!page.HasMore)
            {
                return (all, checkpoint);
            }
        }

        throw new InvalidOperationException("no end of changes");
    }
}
