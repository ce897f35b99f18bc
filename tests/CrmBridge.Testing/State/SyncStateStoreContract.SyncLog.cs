using CrmBridge.Pipeline.State;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>Sync-log paths of the state contract: outcomes grouped per system, entity and route, counted per kind.</summary>
public abstract partial class SyncStateStoreContract<TFixture>
{
    [Fact]
    public async Task GetStatsAsync_Nothing_Recorded_ReturnsEmpty()
    {
        var store = await NewStoreAsync();

        await store.RecordOutcomesAsync([], CancellationToken.None);

        Assert.Empty(await store.GetStatsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RecordOutcomesAsync_SeveralCalls_AreGroupedAndCountedPerKind()
    {
        var store = await NewStoreAsync();
        var system = UniqueSystem();
        var t0 = Time.GetUtcNow();
        SyncOutcome Outcome(string entity, string route, SyncOutcomeKind kind, int seconds) =>
            new(system, entity, route, Guid.NewGuid().ToString("N"), kind, t0.AddSeconds(seconds), "corr");

        await store.RecordOutcomesAsync(
            [Outcome("Accounts", "to-erp", SyncOutcomeKind.Delivered, 1), Outcome("Accounts", "to-erp", SyncOutcomeKind.Delivered, 5),
             Outcome("Accounts", "to-erp", SyncOutcomeKind.Skipped, 3), Outcome("Deals", "", SyncOutcomeKind.Filtered, 2)],
            CancellationToken.None);
        await store.RecordOutcomesAsync(
            [Outcome("Accounts", "to-erp", SyncOutcomeKind.DeadLettered, 4), Outcome("Accounts", AwkwardKey, SyncOutcomeKind.Echo, 9)],
            CancellationToken.None);

        var stats = (await store.GetStatsAsync(CancellationToken.None)).Where(s => s.System == system).ToList();

        Assert.Equal(3, stats.Count);
        var toErp = Assert.Single(stats, s => s.Entity == "Accounts" && s.Route == "to-erp");
        Assert.Equal((2L, 1L, 1L, 0L), (toErp.Count(SyncOutcomeKind.Delivered), toErp.Count(SyncOutcomeKind.Skipped),
            toErp.Count(SyncOutcomeKind.DeadLettered), toErp.Count(SyncOutcomeKind.Retried)));
        Assert.Equal(t0.AddSeconds(5), toErp.LastAt);
        var deals = Assert.Single(stats, s => s.Entity == "Deals");
        Assert.Equal(("", 1L, t0.AddSeconds(2)), (deals.Route, deals.Count(SyncOutcomeKind.Filtered), deals.LastAt));
        Assert.Equal(1L, Assert.Single(stats, s => s.Route == AwkwardKey).Count(SyncOutcomeKind.Echo));
    }
}
