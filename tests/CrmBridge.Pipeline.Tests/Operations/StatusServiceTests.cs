using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class StatusServiceTests
{
    [Fact]
    public async Task GetReportAsync_OpenDeadLetters_CountedInTheStoreWithoutLoadingAny()
    {
        // Strict: listing (loading) dead letters is not set up, so a report that loads them fails.
        var state = new Mock<ISyncStateStore>(MockBehavior.Strict);
        state.Setup(s => s.ListCheckpointsAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        state.Setup(s => s.GetStatsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(
            [new SyncStat("zoho", "Accounts", "accounts-to-erp", new Dictionary<SyncOutcomeKind, long> { [SyncOutcomeKind.Delivered] = 4 }, DateTimeOffset.UnixEpoch)]);
        state.Setup(s => s.CountOpenDeadLettersAsync(It.IsAny<CancellationToken>())).ReturnsAsync(
            [new DeadLetterCount("zoho", "Accounts", "accounts-to-erp", 120_000), new DeadLetterCount("zoho", "(webhook)", null, 7)]);
        var queue = new Mock<IWorkQueue>();
        queue.Setup(q => q.CountAsync(It.IsAny<CancellationToken>())).ReturnsAsync(3);

        var report = await new StatusService(state.Object, queue.Object, new FakeTimeProvider()).GetReportAsync(CancellationToken.None);

        Assert.Equal(120_007, report.OpenDeadLetters);
        Assert.Equal(120_000, Assert.Single(report.Rows, r => r.Route == "accounts-to-erp").DeadLettered);
    }

    [Fact]
    public async Task GetReportAsync_ConnectionSnapshotsStored_NoRowForThem()
    {
        var store = new Fakes.InMemorySyncStateStore();
        await store.SaveCheckpointAsync("zoho", "Accounts", "w1", null, CancellationToken.None);
        await store.SaveCheckpointAsync(ConnectionHealthPublisher.CheckpointSystem, "zoho", "{}", null, CancellationToken.None);
        var queue = new Mock<IWorkQueue>();

        var report = await new StatusService(store, queue.Object, new FakeTimeProvider()).GetReportAsync(CancellationToken.None);

        Assert.DoesNotContain(report.Rows, r => r.System.StartsWith('#'));
        Assert.Contains(report.Rows, r => r.System == "zoho" && r.Entity == "Accounts");
    }
}
