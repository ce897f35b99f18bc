using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Receives Dataverse webhook calls (service endpoint registered with the Plugin Registration Tool): authenticates the
/// WebhookKey (<c>?code=</c>) or the HttpHeader secret in constant time, parses the RemoteExecutionContext and announces
/// the record id; the sync stage then reads the record with its lines. Events caused by the bridge's own application
/// user (configured, or discovered with WhoAmI: <see cref="DataverseApplicationUser"/>) are ignored (loop prevention). When Dataverse stripped a message over 256 KB (<c>x-ms-dynamics-msg-size-exceeded</c>)
/// the id is still there, which is all the receiver needs.
/// </summary>
internal sealed class DataverseWebhookReceiver : IWebhookReceiver
{
    private const string SizeExceededHeader = "x-ms-dynamics-msg-size-exceeded";
    private readonly DataverseOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _entityByLogicalName;
    private readonly DataverseApplicationUser? _self;

    public DataverseWebhookReceiver(DataverseOptions options, ILogger<DataverseWebhookReceiver> logger, DataverseApplicationUser? self = null)
    {
        _options = options;
        _logger = logger;
        _self = self;
        _entityByLogicalName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, entity) in options.Entities)
        {
            _entityByLogicalName.TryAdd(entity.LogicalName, name);
        }
    }

    public string System => _options.System;

    public WebhookResult Receive(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.Length > _options.MaxWebhookBytes)
        {
            return Reject(new WebhookResult(413, $"the body exceeds {_options.MaxWebhookBytes} bytes", []));
        }

        if (string.IsNullOrEmpty(_options.WebhookSecret))
        {
            return Reject(WebhookResult.Unauthorized("no webhook secret is configured (Connectors:Dataverse:WebhookSecret)"));
        }

        var presented = Find(request.Headers, _options.WebhookHeaderName) ?? Find(request.Query, "code");
        if (!WebhookSecrets.Matches(presented, _options.WebhookSecret))
        {
            return Reject(WebhookResult.Unauthorized(presented is null
                ? $"no webhook key: expected the 'code' query value or the '{_options.WebhookHeaderName}' header"
                : "the webhook key does not match"));
        }

        if (request.Body.IsEmpty)
        {
            return Reject(WebhookResult.BadRequest("the body is empty; expected a RemoteExecutionContext"));
        }

        if (!RemoteExecutionContextParser.TryParse(request.Body, out var context, out var error))
        {
            return Reject(WebhookResult.BadRequest($"malformed RemoteExecutionContext: {error}"));
        }

        var recordId = context.PrimaryEntityId.ToString();
        var operation = context.MessageName switch
        {
            "Create" or "Update" => ChangeOperation.Upsert,
            "Delete" => ChangeOperation.Delete,
            _ => (ChangeOperation?)null,
        };
        if (operation is null)
        {
            return Ignore(context.PrimaryEntityName, recordId, $"message '{context.MessageName}' is not synced", context.CorrelationId);
        }

        if (!_entityByLogicalName.TryGetValue(context.PrimaryEntityName, out var entity))
        {
            return Ignore(context.PrimaryEntityName, recordId, $"table '{context.PrimaryEntityName}' is not configured", context.CorrelationId);
        }

        // Steps cannot exclude a user, so the bridge's own writes are dropped here (configured id, or the one WhoAmI found).
        var self = _self?.Id ?? _options.ApplicationUserId;
        if (self is null)
        {
            _self?.EnsureDiscovery();
        }
        else if (context.InitiatingUserId == self || context.UserId == self)
        {
            return Ignore(entity, recordId, "caused by the bridge's own application user", context.CorrelationId);
        }

        // Over 256 KB Dataverse strips images and parameters (and with them the row version): the id is enough, the sync
        // stage fetches the record.
        var version = Find(request.Headers, SizeExceededHeader) is null ? context.RowVersion : null;
        var change = new RecordChange(recordId, operation.Value, version, null);
        return WebhookResult.Accepted(new WebhookNotification(entity, [change], context.CorrelationId));
    }

    private static string? Find(IReadOnlyDictionary<string, string> values, string name)
    {
        if (values.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, v) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }

    private WebhookResult Reject(WebhookResult result)
    {
        DataverseLog.WebhookRejected(_logger, System, result.StatusCode, result.Error ?? string.Empty);
        return result;
    }

    private WebhookResult Ignore(string entity, string recordId, string reason, string? correlationId)
    {
        DataverseLog.WebhookIgnored(_logger, System, entity, recordId, reason, correlationId);
        return WebhookResult.Ignored(reason);
    }
}
