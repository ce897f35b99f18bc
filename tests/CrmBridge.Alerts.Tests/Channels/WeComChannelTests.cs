using CrmBridge.Alerts.Channels;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Testing.Http;
using Xunit;

namespace CrmBridge.Alerts.Tests.Channels;

public sealed class WeComChannelTests
{
    [Fact]
    public async Task SendAsync_Alert_PostsMarkdownMessage()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new WeComChannel(TestHttpClients.Factory, receiver.Url("cgi-bin/webhook/send?key=test-key"));

        await channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None);

        var received = Assert.Single(receiver.Received);
        Assert.Equal("/cgi-bin/webhook/send?key=test-key", received.PathAndQuery);
        Assert.Equal("markdown", received.Body["msgtype"]!.GetValue<string>());
        var content = received.Body["markdown"]!["content"]!.GetValue<string>();
        Assert.StartsWith("**<font color=\"warning\">[ALERT] 12 new failed records on route orders-to-erp in the last 10 minutes</font>**", content, StringComparison.Ordinal);
        Assert.Contains("- **Top reasons**: HTTP_400 ×7, MAPPING_FAILED ×5", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ErrcodeNotZero_ThrowsDeliveryException()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new WeComChannel(TestHttpClients.Factory, receiver.Url("broken"));

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None));

        Assert.Contains("errcode 93000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_HugeAlert_StaysWithinWeComLimit()
    {
        var alert = TestAlerts.DeadLetters() with { Text = new string('x', 10_000) };

        var content = WeComChannel.Body(alert)["markdown"]!["content"]!.GetValue<string>();

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(content) <= WeComChannel.MaxContentBytes);
    }
}
