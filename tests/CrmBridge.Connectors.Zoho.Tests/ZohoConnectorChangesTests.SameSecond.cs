using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <content>Convergence: edits made in the second of a poll (Modified_Time has one-second resolution) are read.</content>
public sealed partial class ZohoConnectorChangesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, 200, TimeSpan.Zero);

    [Fact]
    public async Task GetChangesAsync_EditsInTheSecondOfThePreviousPoll_ReturnsTheirLatestVersions()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var low = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Low" });
        var high = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "High" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));

        env.Sandbox.UpdateRecord("Accounts", high, new JsonObject { ["Phone"] = "high-1" });
        var (first, checkpoint2, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);
        clock.Advance(TimeSpan.FromMilliseconds(300)); // still the same second as the poll
        env.Sandbox.UpdateRecord("Accounts", low, new JsonObject { ["Phone"] = "low-1" });   // (a) a lower id than the last read
        env.Sandbox.UpdateRecord("Accounts", high, new JsonObject { ["Phone"] = "high-2" }); // (b) an already-read record, same Modified_Time
        clock.Advance(TimeSpan.FromMinutes(1));
        var (second, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint2);

        Assert.Equal(env.Sandbox.GetRecord("Accounts", high)!["Modified_Time"]!.GetValue<string>(), Assert.Single(first).Version);
        Assert.Equal("low-1", Phone(second.Last(c => c.Id == low)));
        Assert.Equal("high-2", Phone(second.Last(c => c.Id == high)));
    }

    [Fact]
    public async Task GetChangesAsync_MorePagesThanOneShareTheOpenSecond_EndsEachPollAndStopsOnceItCloses()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock, connector: o => o.PageSize = 2);
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        var ids = Enumerable.Range(0, 5).Select(i => env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"Tie {i}" })).ToList();

        // Polls in the open second end (no endless re-read at a page boundary) and return every record each time.
        var (open1, checkpoint1, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);
        env.Sandbox.UpdateRecord("Accounts", ids[0], new JsonObject { ["Phone"] = "late" });
        var (open2, checkpoint2, _) = await DrainAsync(env.Connector, "Accounts", checkpoint1);
        clock.Advance(TimeSpan.FromMinutes(1));
        var (closing, checkpoint3, _) = await DrainAsync(env.Connector, "Accounts", checkpoint2);
        var (closed, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint3);

        Assert.Equal(ids.Order(), open1.Select(c => c.Id).Order());
        Assert.Equal(ids.Order(), open2.Select(c => c.Id).Order());
        Assert.Equal("late", Phone(open2.Single(c => c.Id == ids[0])));
        Assert.True(closing.Count <= ids.Count, $"the closing poll returned {closing.Count} changes");
        Assert.Empty(closed);
    }

    [Fact]
    public async Task GetChangesAsync_CheckpointFromBeforeTheOpenWindowRule_ResumesFromItsWatermarkInclusive()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var low = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Low" });
        var high = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "High" });
        var second = env.Sandbox.GetRecord("Accounts", high)!["Modified_Time"]!.GetValue<string>();
        var old = new JsonObject { ["m"] = "inc", ["p"] = 1, ["w"] = second, ["a"] = high, ["seen"] = new JsonObject { [second] = high } }.ToJsonString();
        clock.Advance(TimeSpan.FromMinutes(1));

        var (changes, _, _) = await DrainAsync(env.Connector, "Accounts", old);

        Assert.Equal(new[] { low, high }.Order(), changes.Select(c => c.Id).Distinct().Order());
    }

    private static string? Phone(RecordChange change) => change.Snapshot?["Phone"]?.GetValue<string>();
}
