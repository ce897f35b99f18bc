using CrmBridge.Alerts.Channels;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Testing.Http;
using Xunit;

namespace CrmBridge.Alerts.Tests.Channels;

public sealed class TeamsChannelTests
{
    [Fact]
    public async Task SendAsync_Alert_PostsMessageWithAdaptiveCardAttachment()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new TeamsChannel(TestHttpClients.Factory, receiver.Url("teams"));

        await channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None);

        var body = Assert.Single(receiver.Received).Body;
        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("[ALERT] 12 new failed records on route orders-to-erp in the last 10 minutes", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Attention", card["body"]![0]!["color"]!.GetValue<string>());
        var facts = card["body"]![2]!["facts"]!.AsArray();
        Assert.Contains(facts, f => f!["title"]!.GetValue<string>() == "Top reasons" && f["value"]!.GetValue<string>() == "HTTP_400 ×7, MAPPING_FAILED ×5");
    }

    [Fact]
    public async Task SendAsync_Recovery_ColoursHeadlineGood()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new TeamsChannel(TestHttpClients.Factory, receiver.Url("teams"));

        await channel.SendAsync(TestAlerts.CircuitClosed(), CancellationToken.None);

        var headline = Assert.Single(receiver.Received).Body["attachments"]![0]!["content"]!["body"]![0]!;
        Assert.Equal("[RESOLVED] Circuit to erp closed: deliveries resumed", headline["text"]!.GetValue<string>());
        Assert.Equal("Good", headline["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailable_ThrowsDeliveryExceptionNamingChannel()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new TeamsChannel(TestHttpClients.Factory, receiver.Url("down"));

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None));

        Assert.Contains("Alert channel Teams: HTTP 503", error.Message, StringComparison.Ordinal);
    }
}
