using System.Text.Json.Nodes;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Functions.Polling;
using CrmBridge.Functions.Webhooks;
using CrmBridge.Pipeline.Queueing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Xunit;

namespace CrmBridge.Functions.Tests.Webhooks;

/// <summary>Business Central notifications through <c>webhooks/system/businesscentral</c> and the webhook maintenance timers.</summary>
public sealed class BusinessCentralWebhookFunctionTests(BusinessCentralAppFixture app) : IClassFixture<BusinessCentralAppFixture>
{
    private const string System = "businesscentral";

    private string Notification(string changeType, string resource) => new JsonObject
    {
        ["value"] = new JsonArray(new JsonObject
        {
            ["subscriptionId"] = "c670ea73cacb459bb51dc1740da2f1db", ["clientState"] = BusinessCentralAppFixture.ClientState,
            ["expirationDateTime"] = "2026-12-01T12:32:35Z", ["resource"] = $"api/v2.0/companies({app.BusinessCentral.CompanyId})/{resource}",
            ["changeType"] = changeType, ["lastModifiedDateTime"] = "2026-11-28T06:07:01.123Z",
        }),
    }.ToJsonString();

    [Fact]
    public async Task RunAsync_ValidationHandshake_AnswersTheTokenAsPlainText()
    {
        var result = await app.Create<SystemWebhookFunction>().RunAsync(FunctionRequests.Post(string.Empty, query: "?validationToken=abc-123"), System, CancellationToken.None);

        var content = Assert.IsType<ContentResult>(result);
        Assert.Equal((StatusCodes.Status200OK, "abc-123"), (content.StatusCode, content.Content));
        Assert.StartsWith("text/plain", content.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CustomerNotification_EnqueuesItsId()
    {
        var id = Guid.NewGuid();

        var result = await app.Create<SystemWebhookFunction>().RunAsync(FunctionRequests.Post(Notification("updated", $"customers({id})")), System, CancellationToken.None);

        Assert.Equal(1, FunctionRequests.Json<WebhookResponse>(result, StatusCodes.Status202Accepted).Enqueued);
        var envelope = EnvelopeCodec.Deserialize(Assert.Single(await app.Queue.DrainAsync()).Text);
        Assert.Equal((System, "customers", id.ToString()), (envelope.System, envelope.Entity, envelope.RecordId));
    }

    [Fact]
    public async Task FollowUpAsync_AfterACollectionNotification_EnqueuesTheChangedRecords()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = Enumerable.Range(0, 3).Select(i => app.BusinessCentral.Create("customers", new JsonObject { ["displayName"] = $"Bulk {i}" }).ToString()).ToList();
        var collection = Notification("collection", $"customers?$filter=lastModifiedDateTime%20gt%20{since.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}");

        var accepted = await app.Create<SystemWebhookFunction>().RunAsync(FunctionRequests.Post(collection), System, CancellationToken.None);
        var enqueued = await app.Create<WebhookFollowUpFunction>().FollowUpAsync(CancellationToken.None);

        Assert.Equal(0, FunctionRequests.Json<WebhookResponse>(accepted, StatusCodes.Status202Accepted).Enqueued);
        Assert.Equal(3, enqueued);
        var envelopes = (await app.Queue.DrainAsync()).Select(m => EnvelopeCodec.Deserialize(m.Text)).ToList();
        Assert.Equal(ids.Order(), envelopes.Select(e => e.RecordId).Order());
    }

    [Fact]
    public async Task RunAsync_SubscriptionHandshakeUnreachable_FailsTheRun()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Create<WebhookSubscriptionsFunction>().RunAsync(null!, CancellationToken.None));

        Assert.Contains(System, error.Message, StringComparison.Ordinal);
    }
}
