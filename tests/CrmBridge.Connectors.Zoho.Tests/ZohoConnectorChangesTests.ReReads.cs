using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <content>
/// Re-reads after the full scan and between polls: a version read final (its second closed, overlap included) is not
/// fetched again; one read while its second was open is, and so is every later edit.
/// </content>
public sealed partial class ZohoConnectorChangesTests
{
    [Fact]
    public async Task GetChangesAsync_RecordsWrittenJustBeforeTheScan_FetchesAgainOnlyThoseReadWhileTheirSecondWasOpen()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock, connector: o => o.PageSize = 2);
        var ids = Enumerable.Range(0, 5).Select(i => env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"Seeded {i}" })).ToList();
        clock.Advance(TimeSpan.FromSeconds(2)); // the scan starts inside the overlap: its start is the records' second
        var first = await env.Connector.GetChangesAsync("Accounts", null, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1)); // the records' second has closed for the later scan pages
        var (rest, checkpoint) = await ScanAsync(env.Connector, "Accounts", first.NextCheckpoint);
        clock.Advance(TimeSpan.FromMinutes(1));
        var before = env.Sandbox.RequestCount;

        var (after, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);

        Assert.Equal(ids, first.Changes.Concat(rest).Select(c => c.Id));
        Assert.Equal(ids.Take(2), after.Select(c => c.Id)); // the first page read them while their second was open
        // COQL: [0,1] + fetch of 0 and 1; the rest of the tied second [2,3], [4], then the later seconds (none); deleted read.
        Assert.Equal(6, env.Sandbox.RequestCount - before);
    }

    [Fact]
    public async Task GetChangesAsync_EditsWhileTheScanPagesPast2000_ReturnsEachEditAndNoUnchangedFinalVersion()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var ids = Enumerable.Range(0, 2300).Select(i => env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"Bulk {i}" })).ToList();
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var page = await env.Connector.GetChangesAsync("Accounts", null, CancellationToken.None); // ids 0..199, their second open
        clock.Advance(TimeSpan.FromMilliseconds(200));
        env.Sandbox.UpdateRecord("Accounts", ids[5], new JsonObject { ["Phone"] = "same-second" }); // same Modified_Time
        clock.Advance(TimeSpan.FromSeconds(3));
        var checkpoint = page.NextCheckpoint;
        for (var i = 0; i < 4; i++)
        {
            checkpoint = (await env.Connector.GetChangesAsync("Accounts", checkpoint, CancellationToken.None)).NextCheckpoint; // up to id 999, final
        }

        env.Sandbox.UpdateRecord("Accounts", ids[300], new JsonObject { ["Phone"] = "after-its-page" });
        env.Sandbox.UpdateRecord("Accounts", ids[2200], new JsonObject { ["Phone"] = "before-its-page" }); // read by page_token, open
        var (scanRest, incremental) = await ScanAsync(env.Connector, "Accounts", checkpoint);
        clock.Advance(TimeSpan.FromMinutes(1));
        var before = env.Sandbox.RequestCount;

        var (after, _, _) = await DrainAsync(env.Connector, "Accounts", incremental);

        Assert.Equal(2300, page.Changes.Count + 800 + scanRest.Count);
        Assert.Equal(ids.Take(200).Append(ids[300]).Append(ids[2200]).Order(), after.Select(c => c.Id).Order());
        Assert.Equal("same-second", Phone(after.Single(c => c.Id == ids[5])));
        Assert.Equal("after-its-page", Phone(after.Single(c => c.Id == ids[300])));
        Assert.Equal("before-its-page", Phone(after.Single(c => c.Id == ids[2200])));
        // 13 COQL pages list the 2,302 rows (the first, 11 more of the shared second, the later seconds); 3 fetches by
        // id (200 + 2 ids) instead of 24; the deleted-records read.
        Assert.Equal(17, env.Sandbox.RequestCount - before);
    }

    [Fact]
    public async Task GetChangesAsync_ClosedAndOpenRecordsInOnePoll_ReadsTheOpenOnesOnceTheyHaveClosed()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock, connector: o => o.PageSize = 2);
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        var closed = new[] { "B1", "B2" }.Select(n => env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = n })).ToList();
        clock.Advance(TimeSpan.FromSeconds(3));
        var open = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "C" });

        var (first, checkpoint1, _) = await DrainAsync(env.Connector, "Accounts", checkpoint); // page [B1,B2], then [C] still open
        clock.Advance(TimeSpan.FromMilliseconds(300));
        env.Sandbox.UpdateRecord("Accounts", open, new JsonObject { ["Phone"] = "same-second" });
        clock.Advance(TimeSpan.FromSeconds(3));
        var (second, checkpoint2, _) = await DrainAsync(env.Connector, "Accounts", checkpoint1);
        var (third, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint2);

        Assert.Equal(closed, first.Select(c => c.Id));
        Assert.Equal("same-second", Phone(Assert.Single(second)));
        Assert.Equal(open, second[0].Id);
        Assert.Empty(third);
    }

    [Fact]
    public async Task GetChangesAsync_OnlyOpenRecords_ReturnsThemAtOnceAndReadsThemAgainOnceClosed()
    {
        var clock = new FakeTimeProvider(Start);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Quiet" });

        var (first, checkpoint1, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);
        env.Sandbox.UpdateRecord("Accounts", id, new JsonObject { ["Phone"] = "same-second" });
        clock.Advance(TimeSpan.FromSeconds(3));
        var (second, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint1);

        Assert.Equal(id, Assert.Single(first).Id);
        Assert.Equal("same-second", Phone(Assert.Single(second)));
    }

    /// <summary>Pages the full scan to its end (its last page hands over to the incremental polls), and no further.</summary>
    private static async Task<(List<RecordChange> Changes, string? Checkpoint)> ScanAsync(IConnector connector, string entity, string? checkpoint)
    {
        var all = new List<RecordChange>();
        while (checkpoint is null || checkpoint.Contains("\"m\":\"full\"", StringComparison.Ordinal))
        {
            var page = await connector.GetChangesAsync(entity, checkpoint, CancellationToken.None);
            all.AddRange(page.Changes);
            checkpoint = page.NextCheckpoint;
        }

        return (all, checkpoint);
    }
}
