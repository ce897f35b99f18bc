using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Receives Zoho notification callbacks (<c>{"server_time","module","ids":[..],"operation":"insert|update|delete",
/// "channel_id","token","affected_fields":[..]}</c>): verifies the channel token in constant time, yields one change per id
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

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(request.Body.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return WebhookResult.BadRequest("the body is not valid JSON");
        }

        if (body is null)
        {
            return WebhookResult.BadRequest("the body is not a JSON object");
        }

        if (!WebhookSecrets.Matches(body["token"] is JsonValue t ? t.ToString() : null, _options.NotificationToken))
        {
            return WebhookResult.Unauthorized("the channel token is missing or does not match");
        }

        if (body["module"] is not JsonValue moduleValue || moduleValue.ToString() is not { Length: > 0 } module)
        {
            return WebhookResult.BadRequest("module is missing");
        }

        var operation = body["operation"] is JsonValue op ? op.ToString() : null;
        if (operation is not ("insert" or "update" or "delete"))
        {
            return WebhookResult.BadRequest("operation is missing or not insert, update or delete");
        }

        if (body["ids"] is not JsonArray ids || ids.Count == 0)
        {
            return WebhookResult.BadRequest("ids is missing or empty");
        }

        var idList = ids.Select(i => i is JsonValue v ? v.ToString() : null).ToList();
        if (idList.Any(i => i is null || i.Length == 0 || !i.All(char.IsAsciiDigit)))
        {
            return WebhookResult.BadRequest("ids must be record ids (digits)");
        }

        var affected = AffectedFields(body["affected_fields"]);
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

    /// <summary>Reads <c>affected_fields</c>: a list of <c>{"&lt;id&gt;":["Field",..]}</c> objects (absent or empty = unknown).</summary>
    private static Dictionary<string, IReadOnlyCollection<string>> AffectedFields(JsonNode? node)
    {
        var result = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var entry in (node as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var (id, fields) in entry)
            {
                if (fields is JsonArray list)
                {
                    result[id] = list.Select(f => f?.ToString()).OfType<string>().ToList();
                }
            }
        }

        return result;
    }
}
