using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.Tests.Fakes;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class StageWavesTests
{
    [Fact]
    public void Of_SameRecordTwice_PutsTheLaterChangeInTheNextWaveInArrivalOrder()
    {
        var first = StageHarness.Envelope("accounts", StageHarness.Account("A1", "v1", 1), "A1");
        var other = StageHarness.Envelope("accounts", StageHarness.Account("A2", "x"), "A2");
        var second = StageHarness.Envelope("accounts", StageHarness.Account("A1", "v2", 2), "A1");

        var waves = StageWaves.Of([(first, 1), (other, 1), (second, 1)]).ToList();

        Assert.Equal(2, waves.Count);
        Assert.Equal([first, other], waves[0].Select(i => i.Envelope));
        Assert.Equal([second], waves[1].Select(i => i.Envelope));
    }

    [Fact]
    public void Of_SameRecordForDifferentRoutes_StaysInOneWave()
    {
        var a = StageHarness.Envelope("accounts", null, "A1") with { Route = "r1" };
        var b = StageHarness.Envelope("accounts", null, "A1") with { Route = "r2" };

        Assert.Single(StageWaves.Of([(a, 1), (b, 1)]));
    }
}
