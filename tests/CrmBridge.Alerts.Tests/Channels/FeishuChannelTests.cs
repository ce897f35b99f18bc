using CrmBridge.Alerts.Channels;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Testing.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Alerts.Tests.Channels;

public sealed class FeishuChannelTests
{
    private const string Secret = "feishu-bot-secret";

    [Fact]
    public async Task SendAsync_WithSecret_PostsSignedInteractiveCard()
    {
        await using var receiver = await WebhookReceiver.StartAsync(feishuSecret: Secret);
        var channel = new FeishuChannel(TestHttpClients.Factory, receiver.Url("open-apis/bot/v2/hook/token-1"), Secret, new FakeTimeProvider(TestAlerts.At));

        await channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None);

        var body = Assert.Single(receiver.Received).Body;
        Assert.Equal(TestAlerts.At.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), body["timestamp"]!.GetValue<string>());
        Assert.Equal("interactive", body["msg_type"]!.GetValue<string>());
        Assert.Equal("red", body["card"]!["header"]!["template"]!.GetValue<string>());
        Assert.Equal("[ALERT] 12 new failed records on route orders-to-erp in the last 10 minutes", body["card"]!["header"]!["title"]!["content"]!.GetValue<string>());
        Assert.Contains("**Top reasons**: HTTP_400 ×7", body["card"]!["elements"]![0]!["text"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WrongSecret_ThrowsSignMatchFail()
    {
        await using var receiver = await WebhookReceiver.StartAsync(feishuSecret: Secret);
        var channel = new FeishuChannel(TestHttpClients.Factory, receiver.Url("open-apis/bot/v2/hook/token-1"), "other", TimeProvider.System);

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None));

        Assert.Contains("code 19021", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_WithoutSecret_HasNoSignature()
    {
        var body = FeishuChannel.Body(TestAlerts.CircuitClosed(), null, TestAlerts.At);

        Assert.Null(body["sign"]);
        Assert.Equal("green", body["card"]!["header"]!["template"]!.GetValue<string>());
    }
}
