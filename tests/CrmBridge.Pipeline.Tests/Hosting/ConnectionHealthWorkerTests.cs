using CrmBridge.Connectors;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class ConnectionHealthWorkerTests
{
    [Fact]
    public async Task ExecuteAsync_Running_PublishesAtStartAndEveryInterval()
    {
        var clock = new SteppedClock(StageHarness.Start);
        var store = new InMemorySyncStateStore();
        var options = Options.Create(new PipelineOptions { HealthPublishInterval = TimeSpan.FromSeconds(30) });
        var registry = new ConnectionHealthRegistry(clock);
        registry.For("zoho").TokenObtained(StageHarness.Start.AddHours(1));
        var reporter = new ConnectionHealthReporter(
            new ConnectionHealthPublisher(registry, store, NullLogger<ConnectionHealthPublisher>.Instance),
            new ConnectionHealthService(store, [], clock, registry, options),
            NullLogger<ConnectionHealthReporter>.Instance);
        using var worker = new ConnectionHealthWorker(reporter, options, clock, NullLogger<ConnectionHealthWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        Assert.Equal(StageHarness.Start + TimeSpan.FromSeconds(30), await clock.NextDueAsync());
        Assert.Single(ConnectionHealthPublisher.FromCheckpoints(await store.ListCheckpointsAsync(CancellationToken.None))); // published at start
        await clock.RunUntilAsync(StageHarness.Start + TimeSpan.FromSeconds(30));
        Assert.Equal(StageHarness.Start + TimeSpan.FromSeconds(60), await clock.NextDueAsync());

        await worker.StopAsync(CancellationToken.None);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
    }
}
