using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static CrmBridge.Connectors.Zoho.Tests.ZohoConnectorChangesTests;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The deletion poll over loopback against the emulator's deleted-records list.</summary>
public sealed class ZohoConnectorDeletionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, 200, TimeSpan.Zero);

    [Fact]
    public async Task GetChangesAsync_RecordDeletedAfterTheScan_ReturnsOneDeleteOnceTheFloorPassesIt()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var kept = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Kept" });
        var gone = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Gone" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var (scan, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));

        env.Sandbox.DeleteRecord("Accounts", gone);
        clock.Advance(TimeSpan.FromMinutes(1));
        var (first, checkpoint2, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);
        clock.Advance(TimeSpan.FromMinutes(1));
        var (second, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint2);

        Assert.DoesNotContain(scan, c => c.Operation == ChangeOperation.Delete);
        var delete = Assert.Single(first);
        Assert.Equal((gone, ChangeOperation.Delete, null), (delete.Id, delete.Operation, delete.Version));
        Assert.Empty(second);
        Assert.NotNull(env.Sandbox.GetRecord("Accounts", kept));
    }

    [Fact]
    public async Task GetChangesAsync_DeletionInTheSecondOfThePreviousPoll_IsReturnedByTheNextPoll()
    {
        // No overlap: the poll's own second is the floor, so the late deletion is stamped exactly with the floor's second.
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock, connector: o => o.ChangeOverlap = TimeSpan.Zero);
        var early = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Early" });
        var late = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Late" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));

        env.Sandbox.DeleteRecord("Accounts", early);
        var (first, checkpoint2, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);
        clock.Advance(TimeSpan.FromMilliseconds(300)); // still the second of that poll: same deleted_time
        env.Sandbox.DeleteRecord("Accounts", late);
        clock.Advance(TimeSpan.FromMinutes(1));
        var (second, checkpoint3, _) = await DrainAsync(env.Connector, "Accounts", checkpoint2);
        clock.Advance(TimeSpan.FromMinutes(1));
        var (third, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint3);

        Assert.Equal([(early, ChangeOperation.Delete)], first.Select(c => (c.Id, c.Operation)));
        Assert.Contains((late, ChangeOperation.Delete), second.Select(c => (c.Id, c.Operation)));
        Assert.Empty(third);
    }

    [Fact]
    public async Task GetChangesAsync_NothingDeleted_CostsOneDeletedListCallPerPoll()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Quiet" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        var before = env.Sandbox.CreditsUsed;

        var (changes, next, calls) = await DrainAsync(env.Connector, "Accounts", checkpoint);

        Assert.Empty(changes);
        Assert.Equal(1, calls);
        Assert.Equal(2, env.Sandbox.CreditsUsed - before); // the COQL poll and one 204 from the deleted-records list
        Assert.NotEqual(JsonNode.Parse(checkpoint!)!["d"]!.GetValue<string>(), JsonNode.Parse(next!)!["d"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetChangesAsync_MoreDeletionsThanAPage_PagesThroughEveryOne()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock, connector: o => o.PageSize = 2);
        var ids = Enumerable.Range(0, 5).Select(i => env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"Bulk {i}" })).ToList();
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var id in ids)
        {
            env.Sandbox.DeleteRecord("Accounts", id);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var (changes, next, calls) = await DrainAsync(env.Connector, "Accounts", checkpoint);
        var (after, _, _) = await DrainAsync(env.Connector, "Accounts", next);

        Assert.Equal(ids.Order(), changes.Where(c => c.Operation == ChangeOperation.Delete).Select(c => c.Id).Order());
        Assert.Equal(3, calls); // pages of 2, 2 and 1
        Assert.Empty(after);
    }

    [Fact]
    public async Task GetChangesAsync_RecordCreatedAndDeletedBetweenPolls_ReturnsOnlyItsDelete()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        var brief = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Brief" });
        clock.Advance(TimeSpan.FromSeconds(5));
        env.Sandbox.DeleteRecord("Accounts", brief);
        clock.Advance(TimeSpan.FromMinutes(1));

        var (changes, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);

        Assert.Equal([(brief, ChangeOperation.Delete)], changes.Select(c => (c.Id, c.Operation)));
    }

    [Fact]
    public async Task GetChangesAsync_RecordPurgedFromTheRecycleBin_ReturnsItsDeleteAgain()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Purged" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        env.Sandbox.DeleteRecord("Accounts", id);
        clock.Advance(TimeSpan.FromMinutes(1));
        var (recycled, checkpoint2, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);

        Assert.True(env.Sandbox.PurgeRecord("Accounts", id));
        clock.Advance(TimeSpan.FromMinutes(1));
        var (purged, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint2);

        Assert.Equal([(id, ChangeOperation.Delete)], recycled.Select(c => (c.Id, c.Operation)));
        Assert.Equal([(id, ChangeOperation.Delete)], purged.Select(c => (c.Id, c.Operation)));
    }

    [Fact]
    public async Task GetChangesAsync_CheckpointFromBeforeDeletionPolling_ReadsDeletionsFromItsWatermark()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Old" });
        var old = new JsonObject { ["m"] = "inc", ["w"] = "2026-11-28T08:00:30+00:00" }.ToJsonString();
        clock.Advance(TimeSpan.FromMinutes(1));
        env.Sandbox.DeleteRecord("Accounts", id);
        clock.Advance(TimeSpan.FromMinutes(1));

        var (changes, _, _) = await DrainAsync(env.Connector, "Accounts", old);

        Assert.Equal([(id, ChangeOperation.Delete)], changes.Select(c => (c.Id, c.Operation)));
    }

    [Fact]
    public async Task GetChangesAsync_PollDeletionsOff_NeitherCallsNorReportsTheDeletedList()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock, connector: o => o.PollDeletions = false);
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Unseen" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        env.Sandbox.DeleteRecord("Accounts", id);
        clock.Advance(TimeSpan.FromMinutes(1));
        var before = env.Sandbox.CreditsUsed;

        var (changes, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);

        Assert.Empty(changes);
        Assert.Equal(1, env.Sandbox.CreditsUsed - before);
    }
}
