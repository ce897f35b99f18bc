using CrmBridge.Connectors;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class RejectionWorkerTests
{
    private readonly SteppedClock _clock = new(StageHarness.Start);
    private readonly Mock<IRejectionFeed> _feed = new(MockBehavior.Strict);
    private readonly PipelineOptions _options = new() { RejectionPollInterval = TimeSpan.FromSeconds(30) };

    public RejectionWorkerTests() => _feed.SetupGet(f => f.System).Returns("erp");

    [Fact]
    public async Task ExecuteAsync_FeedAsksForALongerWait_WaitsThatLong()
    {
        _feed.Setup(f => f.ReadRejectionsAsync(100, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("erp", ErrorKind.Throttled, "429", "slow down", 429, TimeSpan.FromMinutes(5)));
        using var worker = Worker([_feed.Object]);
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal(StageHarness.Start + TimeSpan.FromMinutes(5), await _clock.NextDueAsync());
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_NothingRejected_WaitsTheInterval()
    {
        _feed.Setup(f => f.ReadRejectionsAsync(100, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        using var worker = Worker([_feed.Object]);
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal(StageHarness.Start + TimeSpan.FromSeconds(30), await _clock.NextDueAsync());
        await _clock.RunUntilAsync(StageHarness.Start + TimeSpan.FromSeconds(30));
        await worker.StopAsync(CancellationToken.None);
        _feed.Verify(f => f.ReadRejectionsAsync(100, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ExecuteAsync_FailureThatIsNotAConnectorError_EndsTheWorker()
    {
        _feed.Setup(f => f.ReadRejectionsAsync(100, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("bug"));
        using var worker = Worker([_feed.Object]);
        await worker.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ExecuteAsync_NoFeeds_EndsAtStart()
    {
        using var worker = Worker([]);
        await worker.StartAsync(CancellationToken.None);

        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(worker.ExecuteTask.IsCompletedSuccessfully);
    }

    private RejectionWorker Worker(IRejectionFeed[] feeds)
    {
        var h = new StageHarness(_options, time: _clock);
        var surfacer = new RejectionSurfacer(feeds, h.Mapper, h.State, h.DeadLetters, _clock, NullLogger<RejectionSurfacer>.Instance);
        return new RejectionWorker(surfacer, Microsoft.Extensions.Options.Options.Create(_options), _clock, NullLogger<RejectionWorker>.Instance);
    }
}
