using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Http;
using CrmBridge.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CrmBridge.Functions.Tests.Admin;

/// <summary>Filter validation and not-found answers of the dead-letter endpoints.</summary>
public sealed class DeadLettersFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Theory]
    [InlineData("status=broken")]
    [InlineData("limit=0")]
    [InlineData("limit=abc")]
    [InlineData("limit=5000")]
    public async Task RunAsync_BadFilter_Returns400(string query)
    {
        var result = await app.Create<DeadLettersFunction>().RunAsync(FunctionRequests.Get(query), CancellationToken.None);

        FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status400BadRequest);
    }

    [Fact]
    public async Task RunAsync_UnknownIds_Return404()
    {
        var id = "missing-" + Guid.NewGuid().ToString("N");

        FunctionRequests.Json<ApiResults.ErrorBody>(await app.Create<DeadLetterFunction>().RunAsync(FunctionRequests.Get(), id, CancellationToken.None), StatusCodes.Status404NotFound);
        FunctionRequests.Json<ApiResults.ErrorBody>(await app.Create<ReplayDeadLetterFunction>().RunAsync(FunctionRequests.Post(""), id, CancellationToken.None), StatusCodes.Status404NotFound);
        FunctionRequests.Json<ApiResults.ErrorBody>(await app.Create<DismissDeadLetterFunction>().RunAsync(FunctionRequests.Post(""), id, CancellationToken.None), StatusCodes.Status404NotFound);
    }
}
