using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

public sealed class ZohoWebhookReceiverTests
{
    private const string Token = "channel-token-0123456789abcdef";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly ZohoWriteRegistry _writes = new();
    private readonly ZohoWebhookReceiver _receiver;

    public ZohoWebhookReceiverTests()
    {
        var options = new ZohoConnectorOptions { ClientId = "c", ClientSecret = "s", RefreshToken = "r", NotificationToken = Token };
        _receiver = new ZohoWebhookReceiver(Options.Create(options), _writes, _clock, NullLogger<ZohoWebhookReceiver>.Instance);
    }

    [Fact]
    public void Receive_CallbackWithThreeIds_YieldsOneChangePerId()
    {
        var result = _receiver.Receive(Request(Callback("update", "111", "222", "333")));

        Assert.Equal(202, result.StatusCode);
        var notification = Assert.Single(result.Notifications);
        Assert.Equal("Sales_Orders", notification.Entity);
        Assert.Equal(["111", "222", "333"], notification.Changes.Select(c => c.Id));
        Assert.All(notification.Changes, c => Assert.Equal(ChangeOperation.Upsert, c.Operation));
        Assert.StartsWith("zoho-1000000068002-", notification.CorrelationId, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_DeleteOperation_YieldsDeletes()
    {
        var result = _receiver.Receive(Request(Callback("delete", "111")));

        Assert.Equal(ChangeOperation.Delete, Assert.Single(Assert.Single(result.Notifications).Changes).Operation);
    }

    [Fact]
    public void Receive_WrongToken_Returns401()
    {
        var body = Callback("insert", "111");
        body["token"] = "channel-token-0123456789abcdeX";

        var result = _receiver.Receive(Request(body));

        Assert.Equal(401, result.StatusCode);
        Assert.Empty(result.Notifications);
        Assert.DoesNotContain(Token, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"module\":\"Cases\",\"operation\":\"update\",\"ids\":[\"1\"]}")]
    [InlineData("{\"token\":\"channel-token-0123456789abcdef\",\"token\":\"other\",\"module\":\"Cases\",\"operation\":\"update\",\"ids\":[\"1\"]}")]
    public void Receive_BodyWithoutTheChannelToken_Returns401BeforeAnythingElse(string body)
    {
        var result = _receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body)));

        Assert.Equal(401, result.StatusCode);
        Assert.Null(result.KeptBody);
    }

    [Fact]
    public void Receive_DuplicateKeyAfterAValidToken_Returns400WithoutTheToken()
    {
        const string Body = "{\"token\":\"channel-token-0123456789abcdef\",\"module\":\"Cases\",\"module\":\"Cases\",\"operation\":\"update\",\"ids\":[\"1\"]}";

        var result = _receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string>(), Encoding.UTF8.GetBytes(Body)));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("'module' appears twice", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.KeptBody, StringComparison.Ordinal);
        Assert.Contains("\"operation\":\"update\"", result.KeptBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_MalformedAuthenticatedBody_KeptBodyHasNoChannelToken()
    {
        var body = Callback("update");

        var result = _receiver.Receive(Request(body));

        Assert.Equal(400, result.StatusCode);
        Assert.NotNull(result.KeptBody);
        Assert.DoesNotContain(Token, result.KeptBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\"token\"", result.KeptBody, StringComparison.Ordinal);
        Assert.Contains("\"module\":\"Sales_Orders\"", result.KeptBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_DocumentedCallbackWithAffectedValuesOfTheBridgesOwnWrite_IsIgnoredAsEcho()
    {
        _writes.Remember("Sales_Orders", "4150868000001234567", false, ["Status", "Tracking_Number"], _clock.GetUtcNow(), TimeSpan.FromMinutes(2));
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "callback-update-affected-values.json"));

        var result = _receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string>(), body));

        Assert.Equal(202, result.StatusCode);
        Assert.Empty(result.Notifications);
        Assert.NotNull(result.IgnoredReason);
    }

    [Fact]
    public void Receive_AffectedValuesNameAFieldTheBridgeDidNotWrite_IsAccepted()
    {
        _writes.Remember("Sales_Orders", "4150868000001234567", false, ["Status"], _clock.GetUtcNow(), TimeSpan.FromMinutes(2));
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "callback-update-affected-values.json"));

        var result = _receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string>(), body));

        Assert.Single(Assert.Single(result.Notifications).Changes);
    }

    [Theory]
    [InlineData("{\"token\":\"channel-token-0123456789abcdef\",\"module\":\"Cases\",\"operation\":\"update\",\"ids\":[]}", "ids")]
    [InlineData("{\"token\":\"channel-token-0123456789abcdef\",\"module\":\"Cases\",\"operation\":\"merge\",\"ids\":[\"1\"]}", "operation")]
    [InlineData("{\"token\":\"channel-token-0123456789abcdef\",\"operation\":\"update\",\"ids\":[\"1\"]}", "module")]
    [InlineData("{\"token\":\"channel-token-0123456789abcdef\",\"module\":\"Cases\",\"operation\":\"update\",\"ids\":[\"1; drop\"]}", "ids")]
    public void Receive_MalformedBody_Returns400NamingTheProblem(string body, string reason)
    {
        var result = _receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body)));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_OversizedBody_Returns413()
    {
        var result = _receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string>(), new byte[300 * 1024]));

        Assert.Equal(413, result.StatusCode);
    }

    [Fact]
    public void Receive_UpdateOfFieldsTheBridgeJustWrote_IsIgnored()
    {
        _writes.Remember("Sales_Orders", "111", false, ["Status", "Tracking_Number", "id"], _clock.GetUtcNow(), TimeSpan.FromMinutes(2));
        var body = Callback("update", "111");
        body["affected_fields"] = new JsonArray(new JsonObject { ["111"] = new JsonArray("Status", "Tracking_Number") });

        var result = _receiver.Receive(Request(body));

        Assert.Equal(202, result.StatusCode);
        Assert.Empty(result.Notifications);
        Assert.NotNull(result.IgnoredReason);
    }

    [Fact]
    public void Receive_UserChangedAnotherFieldOfABridgeWrittenRecord_IsAccepted()
    {
        _writes.Remember("Sales_Orders", "111", false, ["Status"], _clock.GetUtcNow(), TimeSpan.FromMinutes(2));
        var body = Callback("update", "111", "222");
        body["affected_fields"] = new JsonArray(new JsonObject { ["111"] = new JsonArray("Status", "Grand_Total") }, new JsonObject { ["222"] = new JsonArray("Status") });

        var result = _receiver.Receive(Request(body));

        Assert.Equal(["111", "222"], Assert.Single(result.Notifications).Changes.Select(c => c.Id));
    }

    [Fact]
    public void Receive_BridgeWriteOlderThanTheEchoWindow_IsAccepted()
    {
        _writes.Remember("Sales_Orders", "111", false, ["Status"], _clock.GetUtcNow(), TimeSpan.FromMinutes(2));
        _clock.Advance(TimeSpan.FromMinutes(3));
        var body = Callback("update", "111");
        body["affected_fields"] = new JsonArray(new JsonObject { ["111"] = new JsonArray("Status") });

        var result = _receiver.Receive(Request(body));

        Assert.Single(Assert.Single(result.Notifications).Changes);
    }

    private static JsonObject Callback(string operation, params string[] ids) => new()
    {
        ["server_time"] = 1764237600000,
        ["query_params"] = new JsonObject(),
        ["module"] = "Sales_Orders",
        ["resource_uri"] = "https://www.zohoapis.com/crm/v7/Sales_Orders",
        ["ids"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray()),
        ["affected_fields"] = new JsonArray(),
        ["operation"] = operation,
        ["channel_id"] = "1000000068002",
        ["token"] = Token,
    };

    private static WebhookRequest Request(JsonObject body) =>
        new(new Dictionary<string, string>(), new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body.ToJsonString()));
}
