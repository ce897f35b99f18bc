using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

public sealed partial class ZohoConnectorChangesTests
{
    [Fact]
    public async Task GetChangesAsync_MoreThan2000Records_PagesPastTheDiscreteLimitWithPageToken()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        for (var i = 0; i < 2150; i++)
        {
            env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"Bulk {i}" });
        }

        clock.Advance(TimeSpan.FromSeconds(5));

        var (changes, _, calls) = await DrainAsync(env.Connector, "Accounts", null);

        Assert.Equal(2150, changes.Select(c => c.Id).Distinct().Count());
        Assert.Equal(2150, changes.Count);
        Assert.All(changes, c => Assert.False(string.IsNullOrEmpty(c.Version)));
        Assert.True(calls >= 11, $"expected at least 11 pages, got {calls}");
    }

    [Fact]
    public async Task GetChangesAsync_RecordsSharingOneSecond_ReturnsEachAcrossPages()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock, connector: o => o.PageSize = 2);
        var first = Enumerable.Range(0, 3).Select(i => env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"Tie {i}" })).ToList();
        var (initial, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);

        // Same second as the records already returned: nothing is skipped; the open second is read again (repeats are
        // allowed, the pipeline drops them by content hash).
        var second = Enumerable.Range(0, 5).Select(i => env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"Tie late {i}" })).ToList();
        var (later, checkpoint2, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);
        clock.Advance(TimeSpan.FromSeconds(1));
        var third = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Next second" });
        var (last, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint2);

        Assert.Equal(first.Order(), initial.Select(c => c.Id).Distinct().Order());
        Assert.Equal(first.Concat(second).Order(), later.Select(c => c.Id).Distinct().Order());
        Assert.Contains(third, last.Select(c => c.Id));
    }

    [Fact]
    public async Task GetChangesAsync_UpdatedRecord_ReturnsItAgainWithItsNewVersion()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.TimeProvider = clock);
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Versioned" });
        var (_, checkpoint, _) = await DrainAsync(env.Connector, "Accounts", null);

        clock.Advance(TimeSpan.FromSeconds(3));
        env.Sandbox.UpdateRecord("Accounts", id, new JsonObject { ["Phone"] = "123" });
        var (changes, _, _) = await DrainAsync(env.Connector, "Accounts", checkpoint);

        var change = Assert.Single(changes);
        Assert.Equal(id, change.Id);
        Assert.Equal("123", change.Snapshot?["Phone"]?.GetValue<string>());
        Assert.Equal(env.Sandbox.GetRecord("Accounts", id)!["Modified_Time"]!.GetValue<string>(), change.Version);
    }

    [Fact]
    public async Task GetAsync_MoreThan50Fields_SplitsCallsAndMergesTheRecord()
    {
        var fields = Enumerable.Range(1, 70).Select(i => $"Custom_{i}").ToArray();
        await using var env = await ZohoTestEnvironment.StartAsync(
            sandbox: o => o.CustomModules.Add("Warehouses"),
            connector: o =>
            {
                var module = new ZohoModuleOptions();
                foreach (var f in fields)
                {
                    module.Fields.Add(f);
                }

                o.Modules["Warehouses"] = module;
            });
        var data = new JsonObject();
        foreach (var f in fields)
        {
            data[f] = f.ToUpperInvariant();
        }

        var id = env.Sandbox.CreateRecord("Warehouses", data);

        var read = await env.Connector.GetAsync("Warehouses", id, CancellationToken.None);
        var (changes, _, _) = await DrainAsync(env.Connector, "Warehouses", null);

        Assert.NotNull(read);
        Assert.All(fields, f => Assert.Equal(f.ToUpperInvariant(), read.Data[f]?.GetValue<string>()));
        Assert.NotEmpty(changes); // the record was read by the scan, then again while its second was open
        Assert.All(changes, c => Assert.All(fields, f => Assert.Equal(f.ToUpperInvariant(), c.Snapshot![f]?.GetValue<string>())));
    }

    [Fact]
    public async Task GetChangesAsync_ForeignCheckpoint_ThrowsCheckpointExpired()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => env.Connector.GetChangesAsync("Accounts", "$deltatoken=1", CancellationToken.None));

        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
    }

    internal static async Task<(List<RecordChange> Changes, string? Checkpoint, int Calls)> DrainAsync(IConnector connector, string entity, string? checkpoint)
    {
        var all = new List<RecordChange>();
        for (var calls = 1; calls < 1000; calls++)
        {
            var page = await connector.GetChangesAsync(entity, checkpoint, CancellationToken.None);
            all.AddRange(page.Changes);
            checkpoint = page.NextCheckpoint ?? checkpoint;
            if (!page.HasMore)
            {
                return (all, checkpoint, calls);
            }
        }

        throw new InvalidOperationException("the change feed never ended");
    }
}
