using CrmBridge.Admin.Overview;
using CrmBridge.Functions.Maintenance;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Pipeline.State;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Functions.Tests.Maintenance;

/// <summary>The Functions app samples the overview chart on its timer, into the Azurite state store.</summary>
public sealed class OutcomeSamplingFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_NoSampleYet_StoresOne()
    {
        var store = app.Services.GetRequiredService<ICheckpointStore>();
        await store.DeleteCheckpointAsync(OutcomeSeries.CheckpointSystem, "outcomes", CancellationToken.None);

        await app.Create<OutcomeSamplingFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.NotNull(await store.GetCheckpointAsync(OutcomeSeries.CheckpointSystem, "outcomes", CancellationToken.None));
    }

    [Fact]
    public void Schedule_EveryInterval() =>
        Assert.Equal(OutcomeSamplingFunction.Schedule, $"30 */{(int)OutcomeSeries.Interval.TotalMinutes} * * * *");
}
