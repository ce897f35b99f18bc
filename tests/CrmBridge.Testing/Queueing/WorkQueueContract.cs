using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Queueing;
using Xunit;

namespace CrmBridge.Testing.Queueing;

/// <summary>
/// The contract every <see cref="IWorkQueue"/> adapter passes, happy and error paths (Rebus/Wolverine style).
/// Subclass it with one line per adapter: <c>public sealed class SqliteWorkQueueTests : WorkQueueContract&lt;SqliteWorkQueueFixture&gt;</c>.
/// Completing with a stale receipt (the lease expired and the message was delivered again) is a no-op: it never deletes
/// the newer delivery and does not throw, because at-least-once delivery plus the idempotency ledger already make the
/// second processing harmless.
/// </summary>
/// <typeparam name="TFixture">The fixture that creates fresh queues.</typeparam>
public abstract partial class WorkQueueContract<TFixture> : IClassFixture<TFixture>
    where TFixture : class, IWorkQueueFixture
{
    /// <summary>A lease short enough to expire within a test, long enough for slow CI machines to act on it.</summary>
    protected static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(1);

    /// <summary>A lease that does not expire during a test.</summary>
    protected static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);

    /// <summary>Initializes a new instance of the <see cref="WorkQueueContract{TFixture}"/> class.</summary>
    /// <param name="fixture">The fixture.</param>
    protected WorkQueueContract(TFixture fixture) => Fixture = fixture;

    /// <summary>Gets the fixture.</summary>
    protected TFixture Fixture { get; }

    [Fact]
    public async Task ReceiveAsync_EmptyQueue_ReturnsEmpty()
    {
        var queue = await Fixture.CreateQueueAsync();

        var messages = await queue.ReceiveAsync(32, LongLease, CancellationToken.None);

        Assert.Empty(messages);
    }

    [Fact]
    public async Task EnqueueAsync_ThenReceive_ReturnsEnvelopeWithDequeueCountOne()
    {
        var queue = await Fixture.CreateQueueAsync();
        var envelope = TestEnvelopes.New();

        await queue.EnqueueAsync(envelope, TimeSpan.Zero, CancellationToken.None);
        var messages = await queue.ReceiveAsync(32, LongLease, CancellationToken.None);

        var message = Assert.Single(messages);
        Assert.Equal(envelope.Id, message.Envelope.Id);
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.False(string.IsNullOrEmpty(message.Receipt));
    }

    [Fact]
    public async Task EnqueueAsync_EveryField_RoundTrips()
    {
        var queue = await Fixture.CreateQueueAsync();
        var envelope = TestEnvelopes.Full();

        await queue.EnqueueAsync(envelope, TimeSpan.Zero, CancellationToken.None);
        var message = Assert.Single(await queue.ReceiveAsync(1, LongLease, CancellationToken.None));

        Assert.Equal(TestEnvelopes.Comparable(envelope), TestEnvelopes.Comparable(message.Envelope));
        Assert.Equal(envelope.FirstSeen, message.Envelope.FirstSeen);
        Assert.Equal(envelope.FirstSeen.Offset, message.Envelope.FirstSeen.Offset);
        Assert.Equal(2, message.Envelope.History.Count);
        Assert.Equal("0x80072322", message.Envelope.History[1].ErrorCode);
    }

    [Fact]
    public async Task ReceiveAsync_ReceivedMessage_IsHiddenFromOtherReceivers()
    {
        var queue = await Fixture.CreateQueueAsync();
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);

        var first = await queue.ReceiveAsync(32, LongLease, CancellationToken.None);
        var second = await queue.ReceiveAsync(32, LongLease, CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task CompleteAsync_ReceivedMessage_RemovesItForGood()
    {
        var queue = await Fixture.CreateQueueAsync();
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        var message = Assert.Single(await queue.ReceiveAsync(1, ShortLease, CancellationToken.None));

        await queue.CompleteAsync(message, CancellationToken.None);

        Assert.Equal(0, await queue.CountAsync(CancellationToken.None));
        await Task.Delay(ShortLease + TimeSpan.FromMilliseconds(500));
        Assert.Empty(await queue.ReceiveAsync(32, LongLease, CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_Twice_SecondCallIsANoOp()
    {
        var queue = await Fixture.CreateQueueAsync();
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        var message = Assert.Single(await queue.ReceiveAsync(1, LongLease, CancellationToken.None));

        await queue.CompleteAsync(message, CancellationToken.None);
        await queue.CompleteAsync(message, CancellationToken.None);

        Assert.Equal(0, await queue.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReceiveAsync_MaxMessages_ReturnsAtMostThatMany()
    {
        var queue = await Fixture.CreateQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        }

        var first = await queue.ReceiveAsync(3, LongLease, CancellationToken.None);
        var rest = await queue.ReceiveAsync(32, LongLease, CancellationToken.None);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, rest.Count);
        Assert.Empty(first.Select(m => m.Envelope.Id).Intersect(rest.Select(m => m.Envelope.Id)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task ReceiveAsync_MaxMessagesOutOfRange_Throws(int maxMessages)
    {
        var queue = await Fixture.CreateQueueAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(maxMessages, LongLease, CancellationToken.None));
    }

    [Fact]
    public async Task EnqueueAsync_NegativeDelay_Throws()
    {
        var queue = await Fixture.CreateQueueAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.FromSeconds(-1), CancellationToken.None));
    }

    [Fact]
    public async Task CountAsync_VisibleAndDelayedMessages_CountsBoth()
    {
        var queue = await Fixture.CreateQueueAsync();
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.FromMinutes(10), CancellationToken.None);

        var count = await queue.CountAsync(CancellationToken.None);

        Assert.Equal(3, count);
    }

    [Fact]
    public async Task EnqueueAsync_SnapshotOver64KiB_IsClaimCheckedAndReleasedOnComplete()
    {
        var queue = await Fixture.CreateQueueAsync();
        var envelope = TestEnvelopes.New() with { Snapshot = TestEnvelopes.LargeSnapshot(70 * 1024) };

        await queue.EnqueueAsync(envelope, TimeSpan.Zero, CancellationToken.None);
        var message = Assert.Single(await queue.ReceiveAsync(1, LongLease, CancellationToken.None));

        Assert.True(JsonNode.DeepEquals(envelope.Snapshot, message.Envelope.Snapshot));
        var reference = Assert.IsType<string>(message.Envelope.SnapshotRef);
        Assert.NotNull(await Fixture.ClaimChecks.GetAsync(reference, CancellationToken.None));
        await queue.CompleteAsync(message, CancellationToken.None);
        Assert.Null(await Fixture.ClaimChecks.GetAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task ReceiveAsync_ConcurrentReceivers_NeverGetTheSameMessage()
    {
        var queue = await Fixture.CreateQueueAsync();
        var sent = Enumerable.Range(0, 40).Select(_ => TestEnvelopes.New()).ToList();
        await Task.WhenAll(sent.Select(e => queue.EnqueueAsync(e, TimeSpan.Zero, CancellationToken.None)));

        var received = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var mine = new List<QueuedEnvelope>();
            for (var empty = 0; empty < 3;)
            {
                var batch = await queue.ReceiveAsync(4, LongLease, CancellationToken.None);
                mine.AddRange(batch);
                empty = batch.Count == 0 ? empty + 1 : 0;
            }

            return mine;
        })));

        var ids = received.SelectMany(m => m).Select(m => m.Envelope.Id).ToList();
        Assert.Equal(sent.Count, ids.Count);
        Assert.Equal(sent.Select(e => e.Id).Order(), ids.Order());
    }
}
