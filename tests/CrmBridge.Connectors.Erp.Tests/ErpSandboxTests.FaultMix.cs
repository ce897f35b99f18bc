using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>The fault injector's mix: a share of calls faulted, each with a kind drawn from the mix.</summary>
public sealed partial class ErpSandboxTests
{
    [Fact]
    public void FaultInjector_ErrorMix_FaultsTheShareWithEveryKind()
    {
        var faults = new FaultInjector();
        var second = TimeSpan.FromSeconds(1);
        faults.SetErrorMix(0.2, [new(SandboxFaultKind.Throttle, second), new(SandboxFaultKind.ServerError, second), new(SandboxFaultKind.DropConnection, second), new(SandboxFaultKind.Latency, second)], seed: 7);

        var drawn = Enumerable.Range(0, 10_000).Select(_ => faults.Next()).Where(f => f is not null).ToList();

        Assert.InRange(drawn.Count, 1_800, 2_200);
        Assert.All(Enum.GetValues<SandboxFaultKind>(), kind => Assert.InRange(drawn.Count(f => f!.Kind == kind), 350, 650));
    }

    [Fact]
    public void FaultInjector_ClearAfterMix_FaultsNothing()
    {
        var faults = new FaultInjector();
        faults.SetErrorMix(1, [new(SandboxFaultKind.ServerError, TimeSpan.Zero), new(SandboxFaultKind.Throttle, TimeSpan.Zero)]);

        faults.Clear();

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Null(faults.Next()));
    }
}
