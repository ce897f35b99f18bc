using CrmBridge.Alerts.Channels;
using CrmBridge.Alerts.Tests.Fakes;
using Xunit;

namespace CrmBridge.Alerts.Tests.Channels;

public sealed class EmailChannelTests
{
    [Fact]
    public async Task SendAsync_Alert_DeliversPlainTextMailToEveryRecipient()
    {
        using var sink = new SmtpSink();
        var channel = new EmailChannel(new EmailChannelOptions
        {
            Host = "127.0.0.1", Port = sink.Port, EnableSsl = false, From = "bridge@example.test", To = "ops@example.test, oncall@example.test",
        });

        await channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None);

        var message = Assert.Single(sink.Messages);
        Assert.Equal("<bridge@example.test>", message.From);
        Assert.Equal(["<ops@example.test>", "<oncall@example.test>"], message.To);
        Assert.Contains("Subject: CrmBridge [ALERT] 12 new failed records on route orders-to-erp in the last 10 minutes", message.Data, StringComparison.Ordinal);
        Assert.Contains("Top reasons: HTTP_400 ×7, MAPPING_FAILED ×5", message.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/plain; charset=utf-8", message.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoServer_ThrowsDeliveryExceptionNamingKeys()
    {
        using var sink = new SmtpSink();
        var port = sink.Port;
        sink.Dispose();
        var channel = new EmailChannel(new EmailChannelOptions { Host = "127.0.0.1", Port = port, EnableSsl = false, To = "ops@example.test" });

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.DeadLetters(), CancellationToken.None));

        Assert.Contains("Alerts:Email:Host", error.Message, StringComparison.Ordinal);
    }
}
