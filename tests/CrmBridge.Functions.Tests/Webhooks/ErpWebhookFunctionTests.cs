using CrmBridge.Functions.Http;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Functions.Webhooks;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Functions.Tests.Webhooks;

/// <summary>The ERP webhook route with the real ERP receiver, enqueuing onto Azurite.</summary>
public sealed class ErpWebhookFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private const string KeyHeader = "X-Erp-Webhook-Key"; // the reference ERP's webhook header (docs/reference-erp.md)

    private static readonly Dictionary<string, string> GoodKey = new() { [KeyHeader] = FunctionsAppFixture.ErpWebhookKey };

    [Fact]
    public async Task RunAsync_WrongSecret_Returns401WithReason()
    {
        var result = await app.Create<ErpWebhookFunction>().RunAsync(
            FunctionRequests.Post(Body("SO-1"), new Dictionary<string, string> { [KeyHeader] = "wrong" }), CancellationToken.None);

        var error = FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status401Unauthorized);
        Assert.Contains(KeyHeader, error.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(FunctionsAppFixture.ErpWebhookKey, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingSecret_Returns401()
    {
        var result = await app.Create<ErpWebhookFunction>().RunAsync(FunctionRequests.Post(Body("SO-1")), CancellationToken.None);

        FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status401Unauthorized);
    }

    [Fact]
    public async Task RunAsync_MalformedBody_Returns400WithReasonAndEnqueuesNothing()
    {
        var result = await app.Create<ErpWebhookFunction>().RunAsync(FunctionRequests.Post("{\"entity\": ", GoodKey), CancellationToken.None);

        var error = FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status400BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(error.Error));
        Assert.Empty(await app.Queue.DrainAsync());
        var kept = await app.Services.GetRequiredService<IDeadLetterStore>().ListDeadLettersAsync(new DeadLetterQuery(System: "erp", Entity: "(webhook)"), CancellationToken.None);
        var letter = Assert.Single(kept, d => d.Envelope.Snapshot?["rawBody"]?.GetValue<string>() == "{\"entity\": ");
        Assert.Equal(DeadLetterCodes.RejectedInput, letter.ErrorCode);
        Assert.Contains(error.Error, letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ValidCall_Returns202AndEnqueuesEnvelopeWithCorrelationId()
    {
        var headers = new Dictionary<string, string>(GoodKey) { ["X-Correlation-Id"] = "corr-erp-1" };

        var result = await app.Create<ErpWebhookFunction>().RunAsync(FunctionRequests.Post(Body("SO-000042"), headers), CancellationToken.None);

        var accepted = FunctionRequests.Json<WebhookResponse>(result, StatusCodes.Status202Accepted);
        Assert.Equal(1, accepted.Enqueued);
        var message = Assert.Single(await app.Queue.DrainAsync());
        var envelope = EnvelopeCodec.Deserialize(message.Text);
        Assert.Equal(("erp", "salesOrders", "SO-000042"), (envelope.System, envelope.Entity, envelope.RecordId));
        Assert.Equal("corr-erp-1", envelope.CorrelationId);
        Assert.Equal(EnvelopeOrigins.Webhook, envelope.Origin);
    }

    private static string Body(string id) => $$"""{"entity":"salesOrders","id":"{{id}}","operation":"upsert","version":3,"seq":12}""";
}
