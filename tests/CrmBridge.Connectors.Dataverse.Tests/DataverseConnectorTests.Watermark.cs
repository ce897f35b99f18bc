using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>
/// Convergence of the modifiedon watermark poll (tables without change tracking): edits stamped in the second of a poll
/// are read. The bridge's clock runs ahead of Dataverse's by more than the watermark lag, so only Dataverse's own clock
/// (its Date header) can tell the open second.
/// </summary>
public sealed partial class DataverseConnectorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, 200, TimeSpan.Zero);

    [Fact]
    public async Task GetChangesAsync_WatermarkEditsInTheSecondOfThePreviousPoll_ReturnsTheirLatestVersions()
    {
        var dataverse = new FakeTimeProvider(Start);
        var bridge = new FakeTimeProvider(Start.AddSeconds(5));
        await using var sandbox = await DataverseTestHost.StartAsync(o => o.TimeProvider = dataverse);
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.Entities["contacts"].ChangeTracking = false, bridge);
        await using var _ = services;
        sandbox.Create("contacts", new JsonObject { ["lastname"] = "One" });
        sandbox.Create("contacts", new JsonObject { ["lastname"] = "Two" });
        Advance(TimeSpan.FromMinutes(1), dataverse, bridge);
        var (initial, checkpoint, _) = await DataverseTestHost.DrainAsync(connector, "contacts", null);
        var (low, high) = (Guid.Parse(initial[0].Id), Guid.Parse(initial[1].Id)); // in the poll's (modifiedon, id) order
        Advance(TimeSpan.FromMinutes(1), dataverse, bridge);

        sandbox.Update("contacts", high, new JsonObject { ["lastname"] = "High 1" });
        var (first, checkpoint2, _) = await DataverseTestHost.DrainAsync(connector, "contacts", checkpoint);
        sandbox.Update("contacts", low, new JsonObject { ["lastname"] = "Low 1" });   // (a) a lower id, same second
        sandbox.Update("contacts", high, new JsonObject { ["lastname"] = "High 2" }); // (b) already read, same modifiedon
        Advance(TimeSpan.FromMinutes(1), dataverse, bridge);
        var (second, _, _) = await DataverseTestHost.DrainAsync(connector, "contacts", checkpoint2);

        Assert.Equal("High 1", LastName(Assert.Single(first)));
        Assert.Equal("Low 1", LastName(second.Last(c => c.Id == low.ToString())));
        Assert.Equal("High 2", LastName(second.Last(c => c.Id == high.ToString())));
    }

    private static void Advance(TimeSpan by, params FakeTimeProvider[] clocks)
    {
        foreach (var clock in clocks)
        {
            clock.Advance(by);
        }
    }

    private static string? LastName(RecordChange change) => change.Snapshot?["lastname"]?.GetValue<string>();
}
