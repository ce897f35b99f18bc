using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

public sealed class DataverseWebhookReceiverTests
{
    private const string Secret = "webhook-secret-for-tests";
    private static readonly Guid AppUser = Guid.Parse("5e1f8a40-0b6c-4d7e-9a51-3c2b1d0e9f01");

    private static DataverseWebhookReceiver Receiver(Action<DataverseOptions>? configure = null)
    {
        var options = new DataverseOptions { EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com/"), WebhookSecret = Secret, ApplicationUserId = AppUser };
        configure?.Invoke(options);
        return new DataverseWebhookReceiver(options, NullLogger<DataverseWebhookReceiver>.Instance);
    }

    internal static string Context(string message = "Update", string entity = "salesorder", Guid? id = null, Guid? user = null, string? rowVersion = "470867")
    {
        var recordId = (id ?? Guid.Parse("0d1f9c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f")).ToString();
        var userId = (user ?? Guid.NewGuid()).ToString();
        var target = new JsonObject
        {
            ["Attributes"] = new JsonArray(new JsonObject { ["key"] = "name", ["value"] = "X" }),
            ["Id"] = recordId,
            ["LogicalName"] = entity,
            ["RowVersion"] = rowVersion,
        };
        var context = new JsonObject
        {
            ["BusinessUnitId"] = Guid.NewGuid().ToString(),
            ["CorrelationId"] = "9e7f4f8e-6e9f-4f52-a1e7-0b5c1a1d2e3f",
            ["Depth"] = 1,
            ["InitiatingUserId"] = userId,
            ["InputParameters"] = new JsonArray(new JsonObject { ["key"] = "Target", ["value"] = target }),
            ["MessageName"] = message,
            ["OperationCreatedOn"] = "/Date(1506384247000)/",
            ["PostEntityImages"] = new JsonArray(),
            ["PreEntityImages"] = new JsonArray(),
            ["PrimaryEntityId"] = recordId,
            ["PrimaryEntityName"] = entity,
            ["UserId"] = userId,
        };

        // Dataverse escapes the slashes of WCF dates: "\/Date(1506384247000)\/".
        return context.ToJsonString().Replace("\"/Date(", "\"\\/Date(", StringComparison.Ordinal).Replace(")/\"", ")\\/\"", StringComparison.Ordinal);
    }

    private static WebhookRequest Request(string body, string? code = Secret, Dictionary<string, string>? headers = null) =>
        new(headers ?? [], code is null ? [] : new Dictionary<string, string> { ["code"] = code }, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Receive_UpdateWithWebhookKey_AcceptsUpsertOfTheConfiguredEntity()
    {
        var result = Receiver().Receive(Request(Context()));

        Assert.Equal(202, result.StatusCode);
        var notification = Assert.Single(result.Notifications);
        Assert.Equal("salesorders", notification.Entity);
        Assert.Equal("9e7f4f8e-6e9f-4f52-a1e7-0b5c1a1d2e3f", notification.CorrelationId);
        var change = Assert.Single(notification.Changes);
        Assert.Equal("0d1f9c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f", change.Id);
        Assert.Equal(ChangeOperation.Upsert, change.Operation);
        Assert.Equal("470867", change.Version);
        Assert.Null(change.Snapshot);
    }

    [Fact]
    public void Receive_Delete_AnnouncesDelete()
    {
        var result = Receiver().Receive(Request(Context("Delete", "account")));

        var notification = Assert.Single(result.Notifications);
        Assert.Equal("accounts", notification.Entity);
        Assert.Equal(ChangeOperation.Delete, Assert.Single(notification.Changes).Operation);
    }

    [Fact]
    public void Receive_SecretInConfiguredHeader_Accepts()
    {
        var headers = new Dictionary<string, string> { ["X-CrmBridge-Key"] = Secret };

        var result = Receiver().Receive(Request(Context(), code: null, headers: headers));

        Assert.Equal(202, result.StatusCode);
        Assert.Single(result.Notifications);
    }

    [Theory]
    [InlineData("not-the-secret")]
    [InlineData(null)]
    public void Receive_WrongOrMissingKey_Returns401WithoutEchoingIt(string? code)
    {
        var result = Receiver().Receive(Request(Context(), code));

        Assert.Equal(401, result.StatusCode);
        Assert.Empty(result.Notifications);
        Assert.DoesNotContain(Secret, result.Error, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.DoesNotContain(code, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Receive_NoSecretConfigured_RejectsEverything()
    {
        var result = Receiver(o => o.WebhookSecret = null).Receive(Request(Context()));

        Assert.Equal(401, result.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"account\"}", "PrimaryEntityId")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"account\",\"PrimaryEntityId\":\"nope\"}", "PrimaryEntityId")]
    [InlineData("{\"PrimaryEntityId\":\"0d1f9c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f\"}", "MessageName")]
    [InlineData("", "empty")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"account\",\"PrimaryEntityId\":\"0d1f9c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f\",\"OperationCreatedOn\":\"/Date(\"}", "/Date(milliseconds)/")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"account\",\"PrimaryEntityId\":\"0d1f9c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f\",\"OperationCreatedOn\":\"/Date(x)/\"}", "/Date(milliseconds)/")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"account\",\"PrimaryEntityId\":\"0d1f9c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f\",\"OperationCreatedOn\":\"/Date(99999999999999999)/\"}", "/Date(milliseconds)/")]
    public void Receive_MalformedBody_Returns400NamingTheProblem(string body, string reason)
    {
        var result = Receiver().Receive(Request(body));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void Receive_CausedByTheBridgesApplicationUser_IsIgnored()
    {
        var result = Receiver().Receive(Request(Context(user: AppUser)));

        Assert.Equal(202, result.StatusCode);
        Assert.Empty(result.Notifications);
        Assert.Contains("application user", result.IgnoredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_UnconfiguredTableOrMessage_IsIgnored()
    {
        Assert.Contains("not configured", Receiver().Receive(Request(Context(entity: "lead"))).IgnoredReason, StringComparison.Ordinal);
        Assert.Contains("not synced", Receiver().Receive(Request(Context(message: "Assign"))).IgnoredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_MessageSizeExceeded_AnnouncesTheIdWithoutVersion()
    {
        var headers = new Dictionary<string, string> { ["x-ms-dynamics-msg-size-exceeded"] = "true" };
        var stripped = JsonNode.Parse(Context())!.AsObject();
        stripped["InputParameters"] = new JsonArray();

        var result = Receiver().Receive(new WebhookRequest(headers, new Dictionary<string, string> { ["code"] = Secret }, Encoding.UTF8.GetBytes(stripped.ToJsonString())));

        var change = Assert.Single(Assert.Single(result.Notifications).Changes);
        Assert.Equal("0d1f9c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f", change.Id);
        Assert.Null(change.Version);
    }

    [Fact]
    public void Receive_BodyOverTheLimit_Returns413()
    {
        var result = Receiver(o => o.MaxWebhookBytes = 2048).Receive(Request(Context() + new string(' ', 4096)));

        Assert.Equal(413, result.StatusCode);
    }

    [Theory]
    [InlineData("/Date(1506384247000)/", 1506384247000L)]
    [InlineData("/Date(1506384247000+0800)/", 1506384247000L)]
    public void WcfDate_DataverseDate_ParsesEpochMilliseconds(string text, long expected)
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected), RemoteExecutionContextParser.WcfDate(text));
    }
}
