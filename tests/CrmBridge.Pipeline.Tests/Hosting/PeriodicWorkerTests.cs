using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class PeriodicWorkerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly SteppedClock _clock = new(StageHarness.Start);
    private readonly ListLogger<PeriodicWorkerTests> _log = new();

    [Fact]
    public async Task StopAsync_DuringTheWait_EndsTheLoopWithoutAnotherPass()
    {
        using var worker = new CountingWorker(_clock, _log);
        await worker.StartAsync(CancellationToken.None);
        Assert.Equal(StageHarness.Start + Minute, await _clock.NextDueAsync()); // one pass at start, then the wait

        await worker.StopAsync(CancellationToken.None);
        _clock.Advance(Minute);

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(1, worker.Passes);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task ExecuteAsync_PassThrows_LogsItAndRunsAgainAfterTheInterval()
    {
        using var worker = new CountingWorker(_clock, _log);
        worker.Failures.Enqueue(new InvalidOperationException("store down"));
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal(StageHarness.Start + Minute, await _clock.NextDueAsync());
        var entry = Assert.Single(_log.Entries);
        Assert.Equal((LogLevel.Error, "CountingWorker pass failed; it runs again after its interval", true), entry);
        await _clock.RunUntilAsync(StageHarness.Start + Minute);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(2, worker.Passes);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ExecuteAsync_FailureItDoesNotSurvive_EndsTheWorkerWithIt()
    {
        using var worker = new CountingWorker(_clock, _log) { Survive = _ => false };
        worker.Failures.Enqueue(new InvalidOperationException("bug"));
        await worker.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task StopAsync_DuringAPass_EndsQuietly()
    {
        using var worker = new CountingWorker(_clock, _log) { Hang = true };
        await worker.StartAsync(CancellationToken.None);
        await worker.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await worker.StopAsync(CancellationToken.None);

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task ExecuteAsync_NotEnabled_RunsNoPass()
    {
        using var worker = new CountingWorker(_clock, _log) { On = false };
        await worker.StartAsync(CancellationToken.None);
        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, worker.Passes);
    }

    private sealed class CountingWorker(TimeProvider time, ILogger logger) : PeriodicWorker(time, logger)
    {
        public int Passes { get; private set; }

        public Queue<Exception> Failures { get; } = new();

        public Func<Exception, bool>? Survive { get; init; }

        public bool Hang { get; init; }

        public bool On { get; init; } = true;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override TimeSpan Interval => Minute;

        protected override bool Enabled => On;

        protected override async Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken)
        {
            Passes++;
            Started.TrySetResult();
            if (Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken);
            }

            return Failures.TryDequeue(out var failure) ? throw failure : Interval;
        }

        protected override bool Survives(Exception exception) => Survive?.Invoke(exception) ?? base.Survives(exception);
    }
}
