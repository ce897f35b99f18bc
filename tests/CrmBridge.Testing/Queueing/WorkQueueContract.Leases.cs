using System.Diagnostics;
using CrmBridge.Pipeline.Queueing;
using Xunit;

namespace CrmBridge.Testing.Queueing;

/// <summary>Timing paths of the queue contract: initial delay, lease expiry, stale receipts (short real delays, bounded polls).</summary>
public abstract partial class WorkQueueContract<TFixture>
{
    [Fact]
    public async Task EnqueueAsync_WithDelay_NotVisibleBeforeButVisibleAfter()
    {
        var queue = await Fixture.CreateQueueAsync();
        var envelope = TestEnvelopes.New();
        var watch = Stopwatch.StartNew();

        await queue.EnqueueAsync(envelope, TimeSpan.FromSeconds(1), CancellationToken.None);
        var early = await queue.ReceiveAsync(32, LongLease, CancellationToken.None);
        var late = await QueuePolling.ReceiveWithinAsync(queue, 32, LongLease);

        if (watch.Elapsed < TimeSpan.FromSeconds(1))
        {
            Assert.Empty(early);
        }

        Assert.Equal(envelope.Id, Assert.Single(late).Envelope.Id);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"visible after {watch.Elapsed}");
    }

    [Fact]
    public async Task ReceiveAsync_LeaseExpired_RedeliversWithDequeueCountIncremented()
    {
        var queue = await Fixture.CreateQueueAsync();
        var envelope = TestEnvelopes.New();
        await queue.EnqueueAsync(envelope, TimeSpan.Zero, CancellationToken.None);

        var first = Assert.Single(await queue.ReceiveAsync(1, ShortLease, CancellationToken.None));
        var second = Assert.Single(await QueuePolling.ReceiveWithinAsync(queue, 1, LongLease));

        Assert.Equal(envelope.Id, second.Envelope.Id);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.Receipt, second.Receipt);
    }

    [Fact]
    public async Task CompleteAsync_StaleReceiptAfterRedelivery_KeepsTheNewerDelivery()
    {
        var queue = await Fixture.CreateQueueAsync();
        await queue.EnqueueAsync(TestEnvelopes.New() with { Snapshot = TestEnvelopes.LargeSnapshot(70 * 1024) }, TimeSpan.Zero, CancellationToken.None);
        var stale = Assert.Single(await queue.ReceiveAsync(1, ShortLease, CancellationToken.None));
        var current = Assert.Single(await QueuePolling.ReceiveWithinAsync(queue, 1, LongLease));

        await queue.CompleteAsync(stale, CancellationToken.None);

        Assert.Equal(1, await queue.CountAsync(CancellationToken.None));
        Assert.NotNull(await Fixture.ClaimChecks.GetAsync(current.Envelope.SnapshotRef!, CancellationToken.None));
        await queue.CompleteAsync(current, CancellationToken.None);
        Assert.Equal(0, await queue.CountAsync(CancellationToken.None));
    }
}
