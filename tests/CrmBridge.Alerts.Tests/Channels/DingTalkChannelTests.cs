using CrmBridge.Alerts.Channels;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Testing.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Alerts.Tests.Channels;

public sealed class DingTalkChannelTests
{
    private const string Secret = "SEC0123456789abcdef";

    [Fact]
    public async Task SendAsync_WithSecret_SignsUrlAndPostsMarkdown()
    {
        await using var receiver = await WebhookReceiver.StartAsync(dingTalkSecret: Secret);
        var time = new FakeTimeProvider(TestAlerts.At);
        var channel = new DingTalkChannel(TestHttpClients.Factory, receiver.Url("robot/send?access_token=abc"), Secret, time);

        await channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None);

        var received = Assert.Single(receiver.Received);
        Assert.Contains($"timestamp={TestAlerts.At.ToUnixTimeMilliseconds()}&sign=", received.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("markdown", received.Body["msgtype"]!.GetValue<string>());
        Assert.Equal("[ALERT] 12 new failed records on route orders-to-erp in the last 10 minutes", received.Body["markdown"]!["title"]!.GetValue<string>());
        Assert.StartsWith("### [ALERT] 12 new failed records", received.Body["markdown"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WrongSecret_ThrowsSignNotMatch()
    {
        await using var receiver = await WebhookReceiver.StartAsync(dingTalkSecret: Secret);
        var channel = new DingTalkChannel(TestHttpClients.Factory, receiver.Url("robot/send?access_token=abc"), "SECwrong", TimeProvider.System);

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None));

        Assert.Contains("errcode 310000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SignedUrl_Sign_IsBase64ThenUrlEncoded()
    {
        var url = DingTalkChannel.SignedUrl(new Uri("https://oapi.dingtalk.com/robot/send?access_token=abc"), Secret, TestAlerts.At);

        var sign = url.Query.Split("&sign=")[1];
        Assert.DoesNotContain("+", sign, StringComparison.Ordinal);
        Assert.DoesNotContain("/", sign, StringComparison.Ordinal);
        Assert.Equal(44, Uri.UnescapeDataString(sign).Length); // 32-byte HMAC in base64
    }
}
