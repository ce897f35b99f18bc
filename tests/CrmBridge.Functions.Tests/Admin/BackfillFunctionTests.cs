using System.Text.Json.Nodes;
using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Http;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Sandbox.Erp;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CrmBridge.Functions.Tests.Admin;

/// <summary>The backfill endpoint: reset the checkpoint and poll from the beginning.</summary>
public sealed class BackfillFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_UnknownSystem_Returns404()
    {
        var result = await app.Create<BackfillFunction>().RunAsync(FunctionRequests.Post(""), "nosuchsystem", "x", CancellationToken.None);

        FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status404NotFound);
    }

    [Fact]
    public async Task RunAsync_AfterRecordsWerePolled_EnqueuesThemAgainFromTheStart()
    {
        var record = await app.Erp.UpsertRecordAsync(ErpEntities.SalesOrders, "bf-" + Guid.NewGuid().ToString("N")[..8], new JsonObject
        {
            ["orderNumber"] = "BF-1",
            ["customerId"] = (await app.Erp.UpsertRecordAsync(ErpEntities.Customers, "bfc-" + Guid.NewGuid().ToString("N")[..8], new JsonObject { ["name"] = "BF" }))["id"]!.DeepClone(),
            ["lines"] = new JsonArray(new JsonObject { ["lineNo"] = 1, ["sku"] = "X", ["quantity"] = 1 }),
        });
        var orderId = record["id"]!.GetValue<string>();
        var function = app.Create<BackfillFunction>();
        FunctionRequests.Json<PollResult>(await function.RunAsync(FunctionRequests.Post(""), "erp", ErpEntities.SalesOrders, CancellationToken.None), StatusCodes.Status202Accepted);
        await app.Queue.DrainAsync();

        var again = FunctionRequests.Json<PollResult>(await function.RunAsync(FunctionRequests.Post(""), "erp", ErpEntities.SalesOrders, CancellationToken.None), StatusCodes.Status202Accepted);

        Assert.True(again.Enqueued >= 1);
        var ids = (await app.Queue.DrainAsync()).Select(m => EnvelopeCodec.Deserialize(m.Text).RecordId);
        Assert.Contains(orderId, ids);
    }

    [Fact]
    public async Task RunAsync_ResetFalse_ContinuesFromTheCheckpoint()
    {
        var function = app.Create<BackfillFunction>();
        await function.RunAsync(FunctionRequests.Post(""), "erp", ErpEntities.Cases, CancellationToken.None);
        await app.Queue.DrainAsync();

        var result = await function.RunAsync(FunctionRequests.Build("POST", [], null, "reset=false"), "erp", ErpEntities.Cases, CancellationToken.None);

        Assert.Equal(0, FunctionRequests.Json<PollResult>(result, StatusCodes.Status202Accepted).Enqueued);
    }
}
