using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Pipeline.Operations;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CrmBridge.Functions.Tests.Admin;

/// <summary>The status endpoint reads the Azurite state and queue.</summary>
public sealed class StatusFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_WithPendingMessage_ReportsItAsPending()
    {
        await app.Queue.SendAsync("{}");
        try
        {
            var result = await app.Create<StatusFunction>().RunAsync(FunctionRequests.Get(), CancellationToken.None);

            var report = FunctionRequests.Json<SyncStatusReport>(result, StatusCodes.Status200OK);
            Assert.True(report.Pending >= 1);
        }
        finally
        {
            await app.Queue.DrainAsync();
        }
    }
}
