using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Receives Zoho notification callbacks (<c>{"server_time","module","ids":[..],"operation":"insert|update|delete",
/// "channel_id","token","affected_fields":[..],"affected_values":[..]}</c>): verifies the channel token in constant time
/// before anything else (an unauthenticated call is never kept), yields one change per id
/// (callbacks batch ids; the sync stage fetches the records), and ignores ids the bridge itself just wrote
/// (see <see cref="ZohoWriteRegistry"/>). Pure: no I/O.
/// </summary>
internal sealed class ZohoWebhookReceiver : IWebhookReceiver
{
    private readonly ZohoConnectorOptions _options;
    private readonly ZohoWriteRegistry _writes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _entities;

    public ZohoWebhookReceiver(IOptions<ZohoConnectorOptions> options, ZohoWriteRegistry writes, TimeProvider time, ILogger<ZohoWebhookReceiver> logger)
    {
        _options = options.Value;
        _writes = writes;
        _time = time;
        _logger = logger;
        _entities = _options.Modules.Where(m => m.Value.ApiName is not null).ToDictionary(m => m.Value.ApiName!, m => m.Key, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string System => _options.System;

    /// <inheritdoc />
    public WebhookResult Receive(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.Length > _options.MaxCallbackBytes)
        {
            return new WebhookResult(413, $"the callback body exceeds {_options.MaxCallbackBytes} bytes", []);
        }

        // Authenticate first: nothing about a call is kept (not even as a rejected-input dead letter) until the channel
        // token matches. A body that cannot be read far enough to find the token is unauthenticated (401), never a 400.
        JsonObject body;
        try
        {
            using var document = JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !TokenMatches(document.RootElement))
            {
                return WebhookResult.Unauthorized("the channel token is missing or does not match");
            }

            // Duplicate keys pass JsonDocument but make JsonObject throw: an authenticated but malformed body (400).
            if (DuplicateKey(document.RootElement) is { } duplicate)
            {
                return Malformed($"the key '{duplicate}' appears twice", request);
            }

            body = JsonObject.Create(document.RootElement.Clone())!;
        }
        catch (JsonException)
        {
            return WebhookResult.Unauthorized("the body is not valid JSON, so it carries no channel token");
        }

        if (body["module"] is not JsonValue moduleValue || moduleValue.ToString() is not { Length: > 0 } module)
        {
            return Malformed("module is missing", request);
        }

        var operation = body["operation"] is JsonValue op ? op.ToString() : null;
        if (operation is not ("insert" or "update" or "delete"))
        {
            return Malformed("operation is missing or not insert, update or delete", request);
        }

        if (body["ids"] is not JsonArray ids || ids.Count == 0)
        {
            return Malformed("ids is missing or empty", request);
        }

        var idList = ids.Select(i => i is JsonValue v ? v.ToString() : null).ToList();
        if (idList.Any(i => i is null || i.Length == 0 || !i.All(char.IsAsciiDigit)))
        {
            return Malformed("ids must be record ids (digits)", request);
        }

        var affected = ZohoAffectedFields.Read(body);
        var entity = _entities.GetValueOrDefault(module, module);
        var now = _time.GetUtcNow();
        var changes = new List<RecordChange>();
        foreach (var id in idList.Distinct(StringComparer.Ordinal).Cast<string>())
        {
            if (_writes.IsEcho(module, id, operation, affected.GetValueOrDefault(id), now, _options.EchoWindow))
            {
                Log.EchoIgnored(_logger, System, entity, id);
                continue;
            }

            changes.Add(new RecordChange(id, operation == "delete" ? ChangeOperation.Delete : ChangeOperation.Upsert, null, null));
        }

        if (changes.Count == 0)
        {
            return WebhookResult.Ignored($"all {idList.Count} ids were changed by the bridge's own writes");
        }

        var correlation = body["channel_id"] is JsonValue channel ? $"zoho-{channel}-{(body["server_time"] as JsonValue)?.ToString() ?? "0"}" : null;
        return WebhookResult.Accepted(new WebhookNotification(entity, changes, correlation));
    }

    private bool TokenMatches(JsonElement root)
    {
        string? presented = null;
        var count = 0;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("token"))
            {
                count++;
                presented = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }

        // A repeated token key is ambiguous: not authenticated.
        return count == 1 && WebhookSecrets.Matches(presented, _options.NotificationToken);
    }

    private static string? DuplicateKey(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        return property.Name;
                    }

                    if (DuplicateKey(property.Value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(DuplicateKey).FirstOrDefault(d => d is not null);
            default:
                return null;
        }
    }

    /// <summary>A 400 whose kept body has the channel token removed (the token is a secret; the rest is what Zoho sent).</summary>
    private static WebhookResult Malformed(string error, WebhookRequest request) =>
        WebhookResult.BadRequest(error) with { KeptBody = ZohoCallbackRedactor.WithoutToken(request.Body) };
}
