using CrmBridge.Functions.Http;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Functions.Webhooks;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CrmBridge.Functions.Tests.Webhooks;

/// <summary>The generic <c>webhooks/system/{system}</c> route: receiver lookup, body limit, the receiver's own auth.</summary>
public sealed class SystemWebhookFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private static readonly Dictionary<string, string> Secret = new() { [TestCrmWebhookReceiver.SecretHeader] = FunctionsAppFixture.CrmSecret };

    [Fact]
    public async Task RunAsync_SystemWithoutReceiver_Returns404()
    {
        var result = await app.Create<SystemWebhookFunction>().RunAsync(FunctionRequests.Post("{}", Secret), "nosuchcrm", CancellationToken.None);

        var error = FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status404NotFound);
        Assert.Contains("nosuchcrm", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BodyOverLimit_Returns413WithoutCallingReceiver()
    {
        // Functions:MaxWebhookBodyBytes is 4096 in the fixture; no secret is sent, so reaching the receiver would give 401.
        var result = await app.Create<SystemWebhookFunction>().RunAsync(FunctionRequests.Post(new string('x', 5000)), TestCrm.SystemName, CancellationToken.None);

        var error = FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status413PayloadTooLarge);
        Assert.Contains("4096", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WrongSecret_Returns401()
    {
        var result = await app.Create<SystemWebhookFunction>().RunAsync(
            FunctionRequests.Post("""{"entity":"accounts","ids":["a"]}""", new Dictionary<string, string> { [TestCrmWebhookReceiver.SecretHeader] = "nope" }),
            TestCrm.SystemName,
            CancellationToken.None);

        FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status401Unauthorized);
    }

    [Fact]
    public async Task RunAsync_SeveralIds_EnqueuesOneEnvelopeEach()
    {
        var result = await app.Create<SystemWebhookFunction>().RunAsync(
            FunctionRequests.Post("""{"entity":"accounts","ids":["s1","s2","s3"]}""", Secret), TestCrm.SystemName, CancellationToken.None);

        Assert.Equal(3, FunctionRequests.Json<WebhookResponse>(result, StatusCodes.Status202Accepted).Enqueued);
        var ids = (await app.Queue.DrainAsync()).Select(m => CrmBridge.Pipeline.Queueing.EnvelopeCodec.Deserialize(m.Text).RecordId).Order().ToList();
        Assert.Equal(["s1", "s2", "s3"], ids);
    }
}
