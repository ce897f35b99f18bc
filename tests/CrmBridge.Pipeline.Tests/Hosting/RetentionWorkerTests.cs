using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class RetentionWorkerTests
{
    [Fact]
    public async Task ExecuteAsync_CleanupFails_LogsItAndTriesAgainAfterTheInterval()
    {
        var clock = new SteppedClock(StageHarness.Start);
        var options = Options.Create(new PipelineOptions { RetentionInterval = TimeSpan.FromHours(1) });
        var deadLetters = new Mock<IDeadLetterStore>();
        deadLetters.SetupSequence(d => d.PurgeDeadLettersAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("database is locked"))
            .ThrowsAsync(new InvalidOperationException("database is locked"));
        var retention = new RetentionService(
            deadLetters.Object, Mock.Of<IClaimCheckStore>(), Mock.Of<ISyncLedger>(), options, clock, NullLogger<RetentionService>.Instance);
        var log = new ListLogger<RetentionWorker>();
        using var worker = new RetentionWorker(retention, options, clock, log);

        await worker.StartAsync(CancellationToken.None);
        Assert.Equal(StageHarness.Start + TimeSpan.FromHours(1), await clock.NextDueAsync());
        await clock.RunUntilAsync(StageHarness.Start + TimeSpan.FromHours(1));
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(2, log.Entries.Count(e => e is (LogLevel.Error, "Retention cleanup failed; retrying on the next interval", true)));
        deadLetters.Verify(d => d.PurgeDeadLettersAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
