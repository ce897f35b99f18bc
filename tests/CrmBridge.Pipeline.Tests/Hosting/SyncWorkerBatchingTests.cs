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
            Concurrency = 4, Lanes = 1, BatchSize = 32, CoalesceMaxBatch = 1000, CoalesceWindow = TimeSpan.FromSeconds(1), CoalesceMaxLinger = TimeSpan.FromSeconds(20),
        };
        var h = new StageHarness(options);
        await EnqueueAccountsAsync(h, 0, 10);
        using var worker = new SyncWorker(h.Queue, h.Stage, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<SyncWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        for (var page = 1; page < 10; page++)
        {
            await Task.Delay(200); // a change page every 200 ms: 1.8 s in all, well past one window from the first receive
            await EnqueueAccountsAsync(h, page * 10, 10);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (h.Target.Records.Count < 100 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(100, h.Target.Records.Count);
        Assert.Equal(1, h.Target.BatchCalls); // a window counted from the first receive would have cut the batch after 1 s
    }

    private static async Task EnqueueAccountsAsync(StageHarness h, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await h.Queue.EnqueueAsync(StageHarness.Envelope("accounts", StageHarness.Account($"A{i}", $"Customer {i}"), $"A{i}"), TimeSpan.Zero, CancellationToken.None);
        }
    }
}
