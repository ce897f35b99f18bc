using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CrmBridge.Functions.Tests.Admin;

/// <summary>The health endpoint's connections list (docs/operations.md#health-per-connection).</summary>
public sealed class HealthConnectionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_EverythingReachable_ListsErpConnectionWithItsLiveView()
    {
        var result = await app.Create<HealthFunction>().RunAsync(FunctionRequests.Get(), CancellationToken.None);

        var report = FunctionRequests.Json<HealthReport>(result, StatusCodes.Status200OK);
        var erp = Assert.Single(report.Connections, c => c.System == "erp");
        Assert.True(erp.Ok);
        Assert.Equal("OK", erp.Verdict);
        Assert.Equal(app.Erp.BaseAddress.ToString(), erp.Live!.BaseUrl);
        Assert.NotNull(erp.Live.LastSuccess);
        Assert.Equal(0, erp.Live.ThrottledLastHour);
    }
}
