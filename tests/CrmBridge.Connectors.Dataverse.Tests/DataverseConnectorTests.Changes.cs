using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Change tracking (paging, deletes, expiry), lines, formatted values and the watermark fallback.</summary>
public sealed partial class DataverseConnectorTests
{
    [Fact]
    public async Task GetChangesAsync_MorePagesThanPageSize_FollowsNextLinksAndReturnsEachRecordOnce()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.PageSize = 2);
        await using var _ = services;
        var ids = Enumerable.Range(0, 5).Select(i => sandbox.Create("accounts", new JsonObject { ["name"] = $"Paged {i}" }).ToString()).ToHashSet();

        var first = await connector.GetChangesAsync("accounts", null, CancellationToken.None);
        var (rest, checkpoint, pages) = await DataverseTestHost.DrainAsync(connector, "accounts", first.NextCheckpoint);

        Assert.True(first.HasMore);
        Assert.Equal(2, first.Changes.Count);
        Assert.Equal(3, pages + 1);
        var all = first.Changes.Concat(rest).ToList();
        Assert.Equal(ids.Order(), all.Select(c => c.Id).Order());
        Assert.All(all, c => Assert.NotNull(c.Snapshot));
        Assert.Contains("$deltatoken", checkpoint, StringComparison.Ordinal);
        Assert.Empty((await DataverseTestHost.DrainAsync(connector, "accounts", checkpoint)).Changes);
    }

    [Fact]
    public async Task GetChangesAsync_RecordDeletedAfterCheckpoint_ReturnsDeleteChange()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var kept = sandbox.Create("accounts", new JsonObject { ["name"] = "Kept" });
        var gone = sandbox.Create("accounts", new JsonObject { ["name"] = "Gone" });
        var baseline = await DataverseTestHost.DrainAsync(connector, "accounts", null);

        sandbox.Delete("accounts", gone);
        sandbox.Update("accounts", kept, new JsonObject { ["telephone1"] = "123" });
        var after = await DataverseTestHost.DrainAsync(connector, "accounts", baseline.Checkpoint);

        Assert.Equal(2, after.Changes.Count);
        Assert.Contains(after.Changes, c => c.Id == gone.ToString() && c.Operation == ChangeOperation.Delete && c.Snapshot is null);
        Assert.Contains(after.Changes, c => c.Id == kept.ToString() && c.Operation == ChangeOperation.Upsert);
    }

    [Fact]
    public async Task GetChangesAsync_DeltaTokenPastItsLifetime_ThrowsCheckpointExpiredAndFullSyncRecovers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sandbox = await DataverseTestHost.StartAsync(o => o.TimeProvider = time);
        var (connector, services) = DataverseTestHost.Build(sandbox, time: time);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Expiring" }).ToString();
        var baseline = await DataverseTestHost.DrainAsync(connector, "accounts", null);

        time.Advance(TimeSpan.FromDays(8));
        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetChangesAsync("accounts", baseline.Checkpoint, CancellationToken.None));
        var resync = await DataverseTestHost.DrainAsync(connector, "accounts", null);

        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
        Assert.Equal("0x80044352", error.ErrorCode);
        Assert.Contains(resync.Changes, c => c.Id == id);
    }

    [Fact]
    public async Task GetChangesAsync_ExpiredTokensRevokedBySandbox_ThrowsCheckpointExpired()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var baseline = await DataverseTestHost.DrainAsync(connector, "accounts", null);

        sandbox.ExpireDeltaTokens();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetChangesAsync("accounts", baseline.Checkpoint, CancellationToken.None));
        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
    }

    [Fact]
    public async Task GetChangesAsync_SalesOrders_SnapshotCarriesLinesAndFormattedValues()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var account = sandbox.Create("accounts", new JsonObject { ["name"] = "Lines Ltd" });
        var order = sandbox.Create("salesorders", new JsonObject { ["name"] = "SO lines", ["ordernumber"] = "ORD-1", ["statecode"] = 1, ["customerid_account@odata.bind"] = $"/accounts({account})" });
        for (var i = 1; i <= 2; i++)
        {
            sandbox.Create("salesorderdetails", new JsonObject { ["salesorderid@odata.bind"] = $"/salesorders({order})", ["lineitemnumber"] = i, ["quantity"] = 2.5m, ["productdescription"] = $"Item {i}" });
        }

        var changes = await DataverseTestHost.DrainAsync(connector, "salesorders", null);
        var read = await connector.GetAsync("salesorders", order.ToString(), CancellationToken.None);

        var snapshot = Assert.Single(changes.Changes).Snapshot!;
        Assert.Equal(2, snapshot["order_details"]!.AsArray().Count);
        Assert.Equal("Submitted", snapshot["statecode@OData.Community.Display.V1.FormattedValue"]?.GetValue<string>());
        Assert.Equal(account.ToString(), snapshot["_customerid_value"]?.GetValue<string>());
        Assert.Equal("Lines Ltd", snapshot["_customerid_value@OData.Community.Display.V1.FormattedValue"]?.GetValue<string>());
        Assert.Equal(2, read!.Data["order_details"]!.AsArray().Count);
        Assert.Equal(changes.Changes[0].Version, read.Version);
    }

    [Fact]
    public async Task GetChangesAsync_WatermarkEntity_PagesTiesInTheOpenSecondAndStopsOnceItCloses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sandbox = await DataverseTestHost.StartAsync(o => o.TimeProvider = time);
        var (connector, services) = DataverseTestHost.Build(sandbox, o => { o.PageSize = 1; o.Entities["contacts"].ChangeTracking = false; }, time);
        await using var _ = services;
        var ids = new[] { "A", "B", "C" }.Select(n => sandbox.Create("contacts", new JsonObject { ["lastname"] = n }).ToString()).ToList();

        var open = await DataverseTestHost.DrainAsync(connector, "contacts", null);
        var reread = await DataverseTestHost.DrainAsync(connector, "contacts", open.Checkpoint);
        time.Advance(TimeSpan.FromSeconds(3));
        var closing = await DataverseTestHost.DrainAsync(connector, "contacts", reread.Checkpoint);
        var closed = await DataverseTestHost.DrainAsync(connector, "contacts", closing.Checkpoint);

        Assert.Equal(ids.Order(), open.Changes.Select(c => c.Id).Order());
        Assert.Equal(3, open.Pages);
        Assert.Equal(ids.Order(), reread.Changes.Select(c => c.Id).Order()); // the second is still open: read again
        Assert.True(closing.Changes.Count <= ids.Count, $"the closing poll returned {closing.Changes.Count} changes");
        Assert.Empty(closed.Changes);
    }
}
