using CrmBridge.Connectors;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class SyncWorkerShutdownTests
{
    [Fact]
    public async Task StopAsync_BatchStillRunningAtShutdownTimeout_IsCancelledOnTheInjectedClock()
    {
        var clock = new SteppedClock(StageHarness.Start);
        var options = new PipelineOptions { Concurrency = 4, Lanes = 1, CoalesceWindow = TimeSpan.Zero, ShutdownTimeout = TimeSpan.FromHours(1) };
        var h = new StageHarness(options, time: clock);
        var reading = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Source.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .Returns((string _, string _, CancellationToken ct) =>
            {
                // The source read hangs until the batch's token is cancelled.
                var hang = Task.Delay(Timeout.InfiniteTimeSpan, ct);
                reading.TrySetResult(hang);
                return hang.ContinueWith(_ => (SourceRecord?)null, TaskScheduler.Default);
            });
        await h.Queue.EnqueueAsync(StageHarness.Envelope("accounts", null, "A1"), TimeSpan.Zero, CancellationToken.None);
        using var worker = new SyncWorker(h.Queue, h.Stage, Microsoft.Extensions.Options.Options.Create(options), clock, NullLogger<SyncWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        var hang = await reading.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stop = worker.StopAsync(CancellationToken.None);
        await clock.RunForAsync(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.False(hang.IsCompleted); // in-flight work may finish until the shutdown timeout
        clock.Advance(TimeSpan.FromTicks(1)); // fires the shutdown timer; nothing waits on the clock after it

        Assert.True(hang.IsCanceled); // cancelled when the host's clock says so, not after an hour of wall-clock time
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, worker.InFlight);
        Assert.Equal(0, worker.Processed); // not completed: the message is redelivered after its visibility timeout
    }
}
