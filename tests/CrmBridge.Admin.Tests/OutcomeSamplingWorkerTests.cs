using System.Text.Json.Nodes;
using CrmBridge.Admin.Overview;
using CrmBridge.Admin.Standalone;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Admin.Tests;

/// <summary>The standalone host samples the overview chart on schedule, with nobody looking at the page.</summary>
public sealed class OutcomeSamplingWorkerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crmbridge-sampling-");

    [Fact]
    public async Task Worker_EveryInterval_StoresOneSampleEach()
    {
        using var host = StandaloneAdminFixture.Build(_folder.FullName, new Dictionary<string, string?> { ["Admin:Key"] = StandaloneAdminFixture.Key });
        var store = host.Services.GetRequiredService<ISyncStateStore>();
        await store.InitializeAsync(CancellationToken.None);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var sampler = new OutcomeSampler(host.Services.GetRequiredService<StatusService>(), new OutcomeSeries(store, time));
        using var worker = new OutcomeSamplingWorker(sampler, time, NullLogger<OutcomeSamplingWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        await WaitForSamplesAsync(store, 1);
        time.Advance(OutcomeSeries.Interval);
        await WaitForSamplesAsync(store, 2);
        time.Advance(OutcomeSeries.Interval);
        await WaitForSamplesAsync(store, 3);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(3, await SamplesAsync(store));
    }

    [Fact]
    public void AddCrmBridgeAdminServer_StandaloneHost_RunsTheSamplingWorker()
    {
        using var host = StandaloneAdminFixture.Build(_folder.FullName, new Dictionary<string, string?> { ["Admin:Key"] = StandaloneAdminFixture.Key });

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<OutcomeSamplingWorker>());
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<int> SamplesAsync(ICheckpointStore store) =>
        await store.GetCheckpointAsync(OutcomeSeries.CheckpointSystem, "outcomes", CancellationToken.None) is { } row
            ? JsonNode.Parse(row.Value)!.AsArray().Count
            : 0;

    private static async Task WaitForSamplesAsync(ICheckpointStore store, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await SamplesAsync(store) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no sample {count} within 30 s");
            await Task.Delay(20);
        }
    }
}
