using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <content>
/// Convergence: edits stamped in the millisecond of a poll are read. The bridge's clock runs ahead of the platform's
/// by more than the detection lag, so only the platform's own clock (its Date header) can tell an open window.
/// </content>
public sealed partial class FxiaokeConnectorChangesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, 200, TimeSpan.Zero);

    [Fact]
    public async Task GetChangesAsync_EditsInTheMillisecondOfThePreviousPoll_ReturnsTheirLatestVersions()
    {
        var platform = new FakeTimeProvider(Start);
        var bridge = new FakeTimeProvider(Start.AddSeconds(5));
        await using var host = await FxiaokeTestHost.StartAsync(s => s.TimeProvider = platform, c => c.ChangeDetectionLag = TimeSpan.FromSeconds(2), bridge);
        var low = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Low" });
        var high = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "High" });
        Advance(TimeSpan.FromMinutes(1), platform, bridge);
        var (_, checkpoint) = await DrainAsync(host.Connector, "AccountObj", null);
        Advance(TimeSpan.FromMinutes(1), platform, bridge);

        host.Sandbox.UpdateRecord("AccountObj", high, new() { ["name"] = "High 1" });
        var (first, checkpoint2) = await DrainAsync(host.Connector, "AccountObj", checkpoint);
        host.Sandbox.UpdateRecord("AccountObj", low, new() { ["name"] = "Low 1" });   // (a) a lower _id, same millisecond
        host.Sandbox.UpdateRecord("AccountObj", high, new() { ["name"] = "High 2" }); // (b) already read, same last_modified_time
        Advance(TimeSpan.FromMinutes(1), platform, bridge);
        var (second, _) = await DrainAsync(host.Connector, "AccountObj", checkpoint2);

        Assert.Equal("High 1", Name(Assert.Single(first)));
        Assert.Equal("Low 1", Name(second.Last(c => c.Id == low)));
        Assert.Equal("High 2", Name(second.Last(c => c.Id == high)));
    }

    [Fact]
    public async Task GetChangesAsync_MorePagesThanOneShareTheOpenMillisecond_EndsEachPollAndStopsOnceItCloses()
    {
        var platform = new FakeTimeProvider(Start);
        await using var host = await FxiaokeTestHost.StartAsync(s => s.TimeProvider = platform, c => { c.PageSize = 2; c.ChangeDetectionLag = TimeSpan.FromSeconds(2); }, platform);
        var (_, checkpoint) = await DrainAsync(host.Connector, "AccountObj", null);
        platform.Advance(TimeSpan.FromMinutes(1));
        var ids = Enumerable.Range(0, 5).Select(i => host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = $"Tie {i}" })).ToList();

        var (open1, checkpoint1) = await DrainAsync(host.Connector, "AccountObj", checkpoint);
        host.Sandbox.UpdateRecord("AccountObj", ids[0], new() { ["name"] = "Late" });
        var (open2, checkpoint2) = await DrainAsync(host.Connector, "AccountObj", checkpoint1);
        platform.Advance(TimeSpan.FromMinutes(1));
        var (closing, checkpoint3) = await DrainAsync(host.Connector, "AccountObj", checkpoint2);
        var (closed, _) = await DrainAsync(host.Connector, "AccountObj", checkpoint3);

        Assert.Equal(ids.Order(), open1.Select(c => c.Id).Order());
        Assert.Equal(ids.Order(), open2.Select(c => c.Id).Order());
        Assert.Equal("Late", Name(open2.Single(c => c.Id == ids[0])));
        Assert.True(closing.Count <= ids.Count, $"the closing poll returned {closing.Count} changes");
        Assert.Empty(closed);
    }

    private static void Advance(TimeSpan by, params FakeTimeProvider[] clocks)
    {
        foreach (var clock in clocks)
        {
            clock.Advance(by);
        }
    }

    private static string? Name(RecordChange change) => change.Snapshot?["name"]?.GetValue<string>();
}
