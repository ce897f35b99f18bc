using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class SyncWorkerRecordFillTests
{
    [Fact]
    public async Task ExecuteAsync_TwoQueuedChangesPerRecord_OneBatchHoldsCoalesceMaxBatchRecords()
    {
        var options = new PipelineOptions { Concurrency = 4, Lanes = 1, BatchSize = 32, CoalesceMaxBatch = 100, CoalesceWindow = TimeSpan.FromSeconds(30) };
        var h = new StageHarness(options);
        for (var i = 0; i < 100; i++)
        {
            // Records change twice in a row (an order shipped, then invoiced), the last one once: 199 envelopes, 100 records.
            for (var round = 1; round <= (i < 99 ? 2 : 1); round++)
            {
                await h.Queue.EnqueueAsync(StageHarness.Envelope("accounts", StageHarness.Account($"A{i}", $"Customer {i} v{round}", round), $"A{i}", version: round.ToString(System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.Zero, CancellationToken.None);
            }
        }

        using var worker = new SyncWorker(h.Queue, h.Stage, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<SyncWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (worker.Processed < 199 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(199, worker.Processed);
        Assert.Equal(100, h.Target.Records.Count);
        Assert.Equal(1, h.Target.BatchCalls); // counting envelopes would have cut it at 100 envelopes: two calls of 50 records
        Assert.Equal(99, h.Target.Records.Values.Count(r => r.Data.ToJsonString().Contains(" v2", StringComparison.Ordinal))); // the latest change of each
    }
}
