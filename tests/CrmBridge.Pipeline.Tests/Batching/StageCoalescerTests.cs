using CrmBridge.Pipeline.Batching;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Batching;

public sealed class StageCoalescerTests
{
    private readonly List<int> _batchSizes = [];

    [Fact]
    public async Task HandleAsync_ConcurrentCallers_ShareBatchesOfAtMostMaxBatch()
    {
        var coalescer = new StageCoalescer(RecordingHandler, TimeSpan.FromSeconds(5), maxBatch: 10, TimeProvider.System);
        var envelopes = Enumerable.Range(0, 25).Select(_ => TestEnvelopes.New()).ToList();

        var first20 = envelopes.Take(20).Select(e => coalescer.HandleAsync(e, 1, CancellationToken.None)).ToList();
        await Task.WhenAll(first20); // two full batches go at once, without waiting for the window

        Assert.Equal([10, 10], _batchSizes);
    }

    [Fact]
    public async Task HandleAsync_TwoChangesPerRecord_GroupIsFullAtMaxBatchDistinctRecords()
    {
        var coalescer = new StageCoalescer(RecordingHandler, TimeSpan.FromSeconds(30), maxBatch: 10, TimeProvider.System);
        var records = Enumerable.Range(0, 10).Select(_ => TestEnvelopes.New()).ToList();
        var changes = records.SelectMany((e, i) => i < 9 ? new[] { e, e with { Id = Guid.NewGuid().ToString("N") } } : [e]).ToList(); // shipped, then invoiced

        await Task.WhenAll(changes.Select(e => coalescer.HandleAsync(e, 1, CancellationToken.None)));

        Assert.Equal([19], _batchSizes); // 10 records; counting envelopes would have cut it at 10 envelopes (5 records)
    }

    [Fact]
    public async Task HandleAsync_PartialBatch_GoesWhenTheWindowEnds()
    {
        var coalescer = new StageCoalescer(RecordingHandler, TimeSpan.FromMilliseconds(50), maxBatch: 10, TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None)));

        Assert.Equal([3], _batchSizes);
        Assert.All(results, r => Assert.Single(r.Outcomes));
    }

    [Fact]
    public async Task HandleAsync_EachCaller_GetsOnlyItsOwnOutcomes()
    {
        var coalescer = new StageCoalescer(RecordingHandler, TimeSpan.FromMilliseconds(50), maxBatch: 10, TimeProvider.System);
        var a = TestEnvelopes.New();
        var b = TestEnvelopes.New();

        var results = await Task.WhenAll(coalescer.HandleAsync(a, 1, CancellationToken.None), coalescer.HandleAsync(b, 1, CancellationToken.None));

        Assert.Equal(a.RecordId, Assert.Single(results[0].Outcomes).RecordId);
        Assert.Equal(b.RecordId, Assert.Single(results[1].Outcomes).RecordId);
    }

    [Fact]
    public async Task HandleAsync_BatchFails_EveryCallerSeesTheFailure()
    {
        var coalescer = new StageCoalescer((_, _) => throw new InvalidOperationException("store down"), TimeSpan.FromMilliseconds(20), maxBatch: 10, TimeProvider.System);

        var calls = Enumerable.Range(0, 3).Select(_ => coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None)).ToList();

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        }
    }

    [Fact]
    public async Task HandleAsync_ZeroWindow_EveryCallIsItsOwnBatch()
    {
        var coalescer = new StageCoalescer(RecordingHandler, TimeSpan.Zero, maxBatch: 10, TimeProvider.System);

        await coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None);
        await coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None);

        Assert.Equal([1, 1], _batchSizes);
    }

    [Fact]
    public async Task HandleAsync_WhileABatchRuns_TheNextKeepsFillingPastTheWindow()
    {
        var release = new TaskCompletionSource();
        var first = true;
        using var coalescer = new StageCoalescer(
            async (items, ct) =>
            {
                if (first)
                {
                    first = false;
                    await release.Task;
                }

                return await RecordingHandler(items, ct);
            },
            TimeSpan.FromMilliseconds(20),
            maxBatch: 10,
            TimeProvider.System,
            concurrency: 1);

        var running = coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None);
        await UntilAsync(() => !Volatile.Read(ref first)); // the first batch is running and holds the only slot
        var early = coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None);
        await UntilAsync(() => coalescer.ReadyGroups == 1); // past the window: ready, waiting for the slot
        var late = coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None);
        release.SetResult();
        await Task.WhenAll(running, early, late);

        Assert.Equal([1, 2], _batchSizes); // without the slot the early one would have gone alone after its window
    }

    [Fact]
    public async Task HandleAsync_AnEntityArrivingAcrossTwoReceives_FillsOneBatchWhileAnOlderEntityGoesAtItsWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var batches = new List<List<string>>();
        using var coalescer = new StageCoalescer(
            (items, ct) =>
            {
                lock (batches)
                {
                    batches.Add(items.Select(i => i.Envelope.Entity).ToList());
                }

                return RecordingHandler(items, ct);
            },
            TimeSpan.FromMilliseconds(300),
            maxBatch: 10,
            time);

        var accounts = Enumerable.Range(0, 3).Select(_ => coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None)).ToList();
        time.Advance(TimeSpan.FromMilliseconds(150)); // a second receive, half a window later, brings the first orders
        var orders = Enumerable.Range(0, 3).Select(_ => coalescer.HandleAsync(TestEnvelopes.New() with { Entity = "Sales_Orders" }, 1, CancellationToken.None)).ToList();
        time.Advance(TimeSpan.FromMilliseconds(150)); // the accounts' window ends; the orders' has 150 ms to go
        await Task.WhenAll(accounts);
        orders.AddRange(Enumerable.Range(0, 3).Select(_ => coalescer.HandleAsync(TestEnvelopes.New() with { Entity = "Sales_Orders" }, 1, CancellationToken.None)));
        await DriveAsync(time, Task.WhenAll(orders));

        // Without per-entity lingering the accounts' window would have taken the first three orders along, splitting the
        // orders' batch in two.
        Assert.Equal(2, batches.Count);
        Assert.Equal(["Accounts", "Accounts", "Accounts"], batches[0]);
        Assert.Equal(Enumerable.Repeat("Sales_Orders", 6), batches[1]);
    }

    [Fact]
    public async Task HandleAsync_AFullEntity_TakesTheReadyEntitiesAlongInOneBatch()
    {
        var release = new TaskCompletionSource();
        var first = true;
        var batches = new List<List<string>>();
        using var coalescer = new StageCoalescer(
            async (items, ct) =>
            {
                lock (batches)
                {
                    batches.Add(items.Select(i => i.Envelope.Entity).ToList());
                }

                if (first)
                {
                    first = false;
                    await release.Task;
                }

                return await RecordingHandler(items, ct);
            },
            TimeSpan.FromMilliseconds(20),
            maxBatch: 3,
            TimeProvider.System,
            concurrency: 1);

        var running = coalescer.HandleAsync(TestEnvelopes.New("other"), 1, CancellationToken.None);
        await UntilAsync(() => { lock (batches) { return batches.Count == 1; } }); // the only slot is busy
        var account = coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None);
        await UntilAsync(() => coalescer.ReadyGroups == 1); // the account's window ended: it is ready and waits for the slot
        var orders = Enumerable.Range(0, 3).Select(_ => coalescer.HandleAsync(TestEnvelopes.New() with { Entity = "Sales_Orders" }, 1, CancellationToken.None)).ToList();
        release.SetResult();
        await Task.WhenAll([running, account, .. orders]);

        Assert.Equal(2, batches.Count);
        Assert.Equal(["Accounts", "Sales_Orders", "Sales_Orders", "Sales_Orders"], batches[1].Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_AnEntityStillGrowing_KeepsFillingPastTheWindowUntilItPauses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var coalescer = new StageCoalescer(RecordingHandler, TimeSpan.FromMilliseconds(600), maxBatch: 100, time, maxLinger: TimeSpan.FromSeconds(10));

        var calls = new List<Task<StageResult>>();
        for (var i = 0; i < 10; i++)
        {
            calls.Add(coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None));
            time.Advance(TimeSpan.FromMilliseconds(100)); // receives keep bringing more of the entity, each well within the window of the last
        }

        await DriveAsync(time, Task.WhenAll(calls));

        Assert.Equal([10], _batchSizes); // a window counted from the first envelope would have split them after 600 ms
    }

    [Fact]
    public async Task HandleAsync_AnEntityThatNeverPauses_GoesAfterTheLongestLinger()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var coalescer = new StageCoalescer(RecordingHandler, TimeSpan.FromMilliseconds(300), maxBatch: 100, time, maxLinger: TimeSpan.FromMilliseconds(600));

        var calls = new List<Task<StageResult>>();
        for (var i = 0; i < 20; i++)
        {
            calls.Add(coalescer.HandleAsync(TestEnvelopes.New(), 1, CancellationToken.None));
            time.Advance(TimeSpan.FromMilliseconds(60));
            if (i == 9)
            {
                await UntilAsync(() => { lock (_batchSizes) { return _batchSizes.Count == 1; } }); // 600 ms: the linger ended
            }
        }

        await DriveAsync(time, Task.WhenAll(calls));

        Assert.Equal([10, 10], _batchSizes); // one batch of 20 would mean the linger was not bounded
    }

    /// <summary>Moves virtual time on in small steps until <paramref name="done"/> completes (bounded in real time).</summary>
    private static async Task DriveAsync(FakeTimeProvider time, Task done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the coalescer did not finish within 30 s");
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(5);
        }

        await done;
    }

    /// <summary>Waits on state, not on time: a late timer on a loaded machine must not change what the test sees.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the coalescer did not reach the expected state within 30 s");
            await Task.Delay(5);
        }
    }

    private Task<StageResult> RecordingHandler(IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)> items, CancellationToken cancellationToken)
    {
        lock (_batchSizes)
        {
            _batchSizes.Add(items.Count);
        }

        return Task.FromResult(new StageResult(items
            .Select(i => new SyncOutcome(i.Envelope.System, i.Envelope.Entity, "r", i.Envelope.RecordId, SyncOutcomeKind.Delivered, DateTimeOffset.UnixEpoch, i.Envelope.CorrelationId))
            .ToList()));
    }
}
