using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class SyncWorkerBatchingTests
{
    [Fact]
    public async Task ExecuteAsync_ChangesArrivingAcrossReceives_FillOneBatchUpToCoalesceMaxBatch()
    {
        var options = new PipelineOptions { Concurrency = 4, Lanes = 1, BatchSize = 32, CoalesceMaxBatch = 100, CoalesceWindow = TimeSpan.FromSeconds(5) };
        var h = new StageHarness(options);
        await EnqueueAccountsAsync(h, 0, 20);
        using var worker = new SyncWorker(h.Queue, h.Stage, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<SyncWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        await Task.Delay(100);
        await EnqueueAccountsAsync(h, 20, 80); // arrives while the first receive (20 < 32) lingers
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (h.Target.Records.Count < 100 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(100, h.Target.Records.Count);
        Assert.Equal(1, h.Target.BatchCalls); // four receives, one delivery batch
    }

    [Fact]
    public async Task ExecuteAsync_ChangesStillArrivingAfterTheWindow_KeepFillingTheBatchUntilTheyPause()
    {
        var options = new PipelineOptions
        {
            Concurrency = 4, Lanes = 1, BatchSize = 32, CoalesceMaxBatch = 1000, CoalesceWindow = TimeSpan.FromSeconds(3), CoalesceMaxLinger = TimeSpan.FromSeconds(30),
        };
        var h = new StageHarness(options);
        await EnqueueAccountsAsync(h, 0, 5);
        using var worker = new SyncWorker(h.Queue, h.Stage, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<SyncWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        for (var page = 1; page < 20; page++)
        {
            // A change page every 250 ms: 4.75 s in all, well past one 3 s window from the first receive. The window is
            // wide because on a loaded 2-core test run a timer continuation can be late by about a second (with a 1 s
            // window the batch was sometimes cut in two).
            await Task.Delay(250);
            await EnqueueAccountsAsync(h, page * 5, 5);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (h.Target.Records.Count < 100 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(100, h.Target.Records.Count);
        Assert.Equal(1, h.Target.BatchCalls); // a window counted from the first receive would have cut the batch after 3 s
    }

    private static async Task EnqueueAccountsAsync(StageHarness h, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await h.Queue.EnqueueAsync(StageHarness.Envelope("accounts", StageHarness.Account($"A{i}", $"Customer {i}"), $"A{i}"), TimeSpan.Zero, CancellationToken.None);
        }
    }
}
