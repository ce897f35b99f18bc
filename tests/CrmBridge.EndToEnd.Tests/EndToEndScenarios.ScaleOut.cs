using CrmBridge.Pipeline.Batching;
using CrmBridge.Sandbox.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.EndToEnd.Tests;

/// <summary>Issue 11 on real storage: batching on both hosts, and two hosts racing on one record.</summary>
public abstract partial class EndToEndScenarios<TStorage>
{
    [Fact]
    public async Task StandaloneHost_FortyChangesForOneTarget_CostCeilingOfFortyOverTheBatchWriteCalls()
    {
        await using var host = NewHost(o => o.Lanes = 1);
        for (var i = 0; i < 40; i++)
        {
            await host.Queue.EnqueueAsync(Envelope("B" + i, Account("B" + i, "Batch " + i, 1), 1), TimeSpan.Zero, CancellationToken.None);
        }

        var before = _erp.RequestCount;
        await host.StartAsync();
        await Wait.UntilAsync(() => Task.FromResult(_erp.FindByExternalId("customers", "B39") is not null && _erp.FindByExternalId("customers", "B0") is not null), "all forty customers reach the ERP", 60);

        Assert.Equal(1, _erp.RequestCount - before); // receives of ≤ 32 are gathered into one batch (CoalesceMaxBatch 1000): ⌈40 / 200⌉
    }

    [Fact]
    public async Task FunctionsPath_FortyConcurrentInvocations_CostCeilingOfFortyOverTheBatchWriteCalls()
    {
        await using var host = NewHost(o =>
        {
            o.CoalesceMaxBatch = 20;
            o.CoalesceWindow = TimeSpan.FromSeconds(2);
        });
        var coalescer = host.Services.GetRequiredService<StageCoalescer>();
        var before = _erp.RequestCount;

        // The Functions host calls SyncChange once per message, many at once; the coalescer makes stage batches of them.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => coalescer.HandleAsync(Envelope("F" + i, Account("F" + i, "Fn " + i, 1), 1), 1, CancellationToken.None)));

        Assert.Equal(2, _erp.RequestCount - before); // ⌈40 / 20⌉
        Assert.NotNull(_erp.FindByExternalId("customers", "F39"));
    }

    [Fact]
    public async Task TwoHosts_RacingOnOneRecord_NeverLeaveTheOlderVersion()
    {
        await using var slowHost = NewHost();
        await using var fastHost = NewHost();
        _erp.Faults.FailNext(1, SandboxFaultKind.Latency, TimeSpan.FromSeconds(2)); // the first host's write hangs

        var older = slowHost.Stage.HandleAsync(Envelope("R1", Account("R1", "Older", 1), 1), 1, CancellationToken.None);
        await Task.Delay(400);
        await fastHost.Stage.HandleAsync(Envelope("R1", Account("R1", "Newer", 2), 2), 1, CancellationToken.None);
        await older;
        await fastHost.StartAsync(); // handles whatever had to wait

        await Wait.UntilAsync(
            () => Task.FromResult(_erp.FindByExternalId("customers", "R1")?["name"]?.GetValue<string>() == "Newer"),
            "the newer version ends in the ERP",
            30);
        await Task.Delay(500);
        Assert.Equal("Newer", _erp.FindByExternalId("customers", "R1")!["name"]!.GetValue<string>());
    }
}
