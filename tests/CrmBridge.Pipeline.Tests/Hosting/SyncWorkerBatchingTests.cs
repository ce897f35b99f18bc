using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

/// <summary>
/// How the standalone worker gathers receives into one delivery batch, run in virtual time: the worker waits on the
/// harness clock only, and the test moves that clock from one timer to the next, so a slow machine cannot cut a batch.
/// </summary>
public sealed class SyncWorkerBatchingTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task ExecuteAsync_ChangesArrivingAcrossReceives_FillOneBatchUpToCoalesceMaxBatch()
    {
        var (h, clock) = Bed(new PipelineOptions { Concurrency = 4, Lanes = 1, BatchSize = 32, CoalesceMaxBatch = 100, CoalesceWindow = TimeSpan.FromSeconds(5) });
        await EnqueueAccountsAsync(h, 0, 20);
        using var worker = await StartAsync(h, clock);

        await clock.RunForAsync(100 * Ms);
        await EnqueueAccountsAsync(h, 20, 80); // arrives while the first receive (20 < 32) lingers
        await clock.RunForAsync(TimeSpan.FromSeconds(30));

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(100, h.Target.Records.Count);
        Assert.Equal(1, h.Target.BatchCalls); // four receives, one delivery batch
    }

    [Fact]
    public async Task ExecuteAsync_ChangesStillArrivingAfterTheWindow_KeepFillingTheBatchUntilTheyPause()
    {
        var (h, clock) = Bed(Options(window: TimeSpan.FromSeconds(1), maxLinger: TimeSpan.FromSeconds(30)));
        await EnqueueAccountsAsync(h, 0, 5);
        using var worker = await StartAsync(h, clock);

        for (var page = 1; page < 20; page++)
        {
            // A change page every 200 ms: 3.8 s in all, well past one 1 s window from the first receive.
            await clock.RunForAsync(200 * Ms);
            await EnqueueAccountsAsync(h, page * 5, 5);
        }

        await clock.RunForAsync(TimeSpan.FromSeconds(30));

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(100, h.Target.Records.Count);
        Assert.Equal(1, h.Target.BatchCalls); // a window counted from the first receive would have cut the batch after 1 s
    }

    [Theory]
    [InlineData(999, 1)] // just before the window closes (1 s after the first receive): it joins the batch
    [InlineData(1001, 2)] // just after: the first batch went when the window closed, it goes in the next
    public async Task ExecuteAsync_ChangeArrivingAtTheWindowsEnd_JoinsTheBatchOnlyBeforeItCloses(int afterMs, int batches)
    {
        var (h, clock) = Bed(Options(window: TimeSpan.FromSeconds(1), maxLinger: TimeSpan.FromSeconds(30)));
        await EnqueueAccountsAsync(h, 0, 5);
        using var worker = await StartAsync(h, clock);

        await clock.RunUntilAsync(StageHarness.Start + (afterMs * Ms));
        Assert.Equal(5 * (batches - 1), h.Target.Records.Count);
        await EnqueueAccountsAsync(h, 5, 5);
        await clock.RunForAsync(TimeSpan.FromSeconds(30));

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(10, h.Target.Records.Count);
        Assert.Equal(batches, h.Target.BatchCalls);
    }

    [Fact]
    public async Task ExecuteAsync_ChangesThatNeverPause_AreCutAtCoalesceMaxLinger()
    {
        var (h, clock) = Bed(Options(window: TimeSpan.FromSeconds(1), maxLinger: TimeSpan.FromSeconds(3)));
        await EnqueueAccountsAsync(h, 0, 5);
        using var worker = await StartAsync(h, clock);

        // A page 250 ms after the start and then every 500 ms until 5.75 s: never a quiet second.
        var pages = 0;
        for (var at = 250 * Ms; at <= 5750 * Ms; at += 500 * Ms)
        {
            await clock.RunUntilAsync(StageHarness.Start + at);
            if (at > TimeSpan.FromSeconds(3) && pages == 6)
            {
                Assert.Equal(35, h.Target.Records.Count); // cut 3 s after the first receive: the first 5 and six pages
                Assert.Equal(1, h.Target.BatchCalls);
            }

            await EnqueueAccountsAsync(h, 5 + (pages++ * 5), 5);
        }

        await clock.RunForAsync(TimeSpan.FromSeconds(30));

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(5 + (pages * 5), h.Target.Records.Count);
        Assert.Equal(2, h.Target.BatchCalls); // the rest arrives within one max linger of its first receive
    }

    private static PipelineOptions Options(TimeSpan window, TimeSpan maxLinger) => new()
    {
        Concurrency = 4, Lanes = 1, BatchSize = 32, CoalesceMaxBatch = 1000, CoalesceWindow = window, CoalesceMaxLinger = maxLinger,
    };

    private static (StageHarness Harness, SteppedClock Clock) Bed(PipelineOptions options)
    {
        var clock = new SteppedClock(StageHarness.Start);
        return (new StageHarness(options, time: clock), clock);
    }

    private static async Task<SyncWorker> StartAsync(StageHarness h, SteppedClock clock)
    {
        var worker = new SyncWorker(h.Queue, h.Stage, Microsoft.Extensions.Options.Options.Create(h.Options), clock, NullLogger<SyncWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    private static async Task EnqueueAccountsAsync(StageHarness h, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await h.Queue.EnqueueAsync(StageHarness.Envelope("accounts", StageHarness.Account($"A{i}", $"Customer {i}"), $"A{i}"), TimeSpan.Zero, CancellationToken.None);
        }
    }
}
