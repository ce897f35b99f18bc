using System.Text;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>The ERP webhook receiver: authentication, parsing, rejections with reasons, size limit.</summary>
public sealed class ErpWebhookReceiverTests : IDisposable
{
    private const string Key = "webhook-secret-1";
    private readonly ServiceProvider _services;
    private readonly IWebhookReceiver _receiver;

    public ErpWebhookReceiverTests()
    {
        _services = ErpTestServices.Build(new Uri("http://127.0.0.1:9/"), "api-key", new Dictionary<string, string?>
        {
            ["WebhookKey"] = Key,
            ["WebhookMaxBodyBytes"] = "512",
        });
        _receiver = _services.GetServices<IWebhookReceiver>().Single(r => r.System == "erp");
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Receive_ValidNotice_Returns202WithTheChange()
    {
        var result = _receiver.Receive(Request("""{"entity":"salesOrders","id":"SO-000001","operation":"upsert","version":3,"seq":12}""",
            ("X-Correlation-Id", "erp-seq-12")));

        Assert.Equal(202, result.StatusCode);
        var notification = Assert.Single(result.Notifications);
        Assert.Equal("salesOrders", notification.Entity);
        Assert.Equal("erp-seq-12", notification.CorrelationId);
        var change = Assert.Single(notification.Changes);
        Assert.Equal(new RecordChange("SO-000001", ChangeOperation.Upsert, "3", null), change);
    }

    [Fact]
    public void Receive_ArrayOfNotices_GroupsByEntityAndKeepsDeletes()
    {
        var result = _receiver.Receive(Request("""
            [{"entity":"customers","id":"C-1","operation":"upsert","version":1,"seq":1},
             {"entity":"cases","id":"AS-1","operation":"delete","version":2,"seq":2},
             {"entity":"customers","id":"C-2","seq":3}]
            """));

        Assert.Equal(202, result.StatusCode);
        Assert.Equal(["customers", "cases"], result.Notifications.Select(n => n.Entity));
        Assert.Equal(["C-1", "C-2"], result.Notifications[0].Changes.Select(c => c.Id));
        Assert.Equal(ChangeOperation.Delete, result.Notifications[1].Changes[0].Operation);
    }

    [Fact]
    public void Receive_HeaderNameInLowerCase_IsAccepted()
    {
        var result = _receiver.Receive(new WebhookRequest(
            new Dictionary<string, string> { ["x-erp-webhook-key"] = Key }, new Dictionary<string, string>(), Encoding.UTF8.GetBytes("""{"entity":"customers","id":"C-1"}""")));

        Assert.Equal(202, result.StatusCode);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData(null)]
    public void Receive_WrongOrMissingKey_Returns401WithoutNotifications(string? key)
    {
        var headers = key is null ? Array.Empty<(string, string)>() : [("X-Erp-Webhook-Key", key)];

        var result = _receiver.Receive(new WebhookRequest(headers.ToDictionary(h => h.Item1, h => h.Item2), new Dictionary<string, string>(),
            Encoding.UTF8.GetBytes("""{"entity":"customers","id":"C-1"}""")));

        Assert.Equal(401, result.StatusCode);
        Assert.Empty(result.Notifications);
        Assert.Contains("X-Erp-Webhook-Key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_NoWebhookKeyConfigured_Returns401NamingTheSetting()
    {
        using var services = ErpTestServices.Build(new Uri("http://127.0.0.1:9/"), "api-key");
        var receiver = services.GetServices<IWebhookReceiver>().Single();

        var result = receiver.Receive(Request("""{"entity":"customers","id":"C-1"}"""));

        Assert.Equal(401, result.StatusCode);
        Assert.Contains("Connectors:Erp:WebhookKey", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("\"text\"", "notification object")]
    [InlineData("[]", "non-empty array")]
    [InlineData("""{"id":"C-1"}""", "entity is required")]
    [InlineData("""{"entity":"customers"}""", "id is required")]
    [InlineData("""{"entity":"customers","id":""}""", "id must not be empty")]
    [InlineData("""{"entity":"customers","id":42}""", "id must be a string")]
    [InlineData("""{"entity":["customers"],"id":"C-1"}""", "entity must be a string")]
    [InlineData("""{"entity":"customers","id":"C-1","version":"three"}""", "version must be an integer")]
    [InlineData("""{"entity":"customers","id":"C-1","seq":1.5}""", "seq must be an integer")]
    [InlineData("""{"entity":"customers","id":"C-1","operation":"merge"}""", "operation must be")]
    [InlineData("""[{"entity":"customers","id":"C-1"},7]""", "[1].notification must be an object")]
    public void Receive_MalformedBody_Returns400WithReason(string body, string reason)
    {
        var result = _receiver.Receive(Request(body));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void Receive_BodyOverLimit_Returns413()
    {
        var body = $$"""{"entity":"customers","id":"{{new string('x', 600)}}"}""";

        var result = _receiver.Receive(Request(body));

        Assert.Equal(413, result.StatusCode);
        Assert.Contains("WebhookMaxBodyBytes", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Notifications);
    }

    private static WebhookRequest Request(string body, params (string Name, string Value)[] extraHeaders)
    {
        var headers = new Dictionary<string, string> { ["X-Erp-Webhook-Key"] = Key };
        foreach (var (name, value) in extraHeaders)
        {
            headers[name] = value;
        }

        return new WebhookRequest(headers, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body));
    }
}
