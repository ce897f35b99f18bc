using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Connectors.Webhooks;

namespace CrmBridge.Functions.Tests.Support;

/// <summary>The test CRM's webhook: <c>{"entity":"accounts","ids":["a1"]}</c> with the secret in <c>X-TestCrm-Secret</c>.</summary>
internal sealed class TestCrmWebhookReceiver(string secret) : IWebhookReceiver
{
    public const string SecretHeader = "X-TestCrm-Secret";

    public string System => TestCrm.SystemName;

    public WebhookResult Receive(WebhookRequest request)
    {
        if (!WebhookSecrets.Matches(request.Headers.GetValueOrDefault(SecretHeader), secret))
        {
            return WebhookResult.Unauthorized($"The {SecretHeader} header is missing or wrong.");
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(request.Body.Span) as JsonObject;
        }
        catch (JsonException ex)
        {
            return WebhookResult.BadRequest($"The body is not JSON: {ex.Message}");
        }

        if (body?["entity"]?.GetValue<string>() is not { } entity || body["ids"] is not JsonArray ids)
        {
            return WebhookResult.BadRequest("The body needs entity and ids.");
        }

        var changes = ids.Select(i => new RecordChange(i!.GetValue<string>(), ChangeOperation.Upsert, null, null)).ToList();
        return WebhookResult.Accepted(new WebhookNotification(entity, changes, request.Headers.GetValueOrDefault("X-Correlation-Id")));
    }
}
