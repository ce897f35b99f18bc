using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Receives Business Central webhook calls. A call with <c>?validationToken=</c> is the subscription handshake (on create
/// and on renewal): answered 200 with the token as a plain-text body. Otherwise every notification's <c>clientState</c>
/// must equal <see cref="BusinessCentralOptions.ClientState"/> (constant-time compare); created/updated/deleted become
/// changes by record id, <c>collection</c> is recorded in <see cref="BusinessCentralCollections"/> for a follow-up query.
/// </summary>
internal sealed class BusinessCentralWebhookReceiver : IWebhookReceiver
{
    private const int MaxValidationTokenLength = 4096;
    private readonly BusinessCentralOptions _options;
    private readonly BusinessCentralCollections _collections;
    private readonly ILogger _logger;

    public BusinessCentralWebhookReceiver(BusinessCentralOptions options, BusinessCentralCollections collections, ILogger<BusinessCentralWebhookReceiver> logger)
    {
        _options = options;
        _collections = collections;
        _logger = logger;
    }

    public string System => _options.System;

    public WebhookResult Receive(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Find(request.Query, "validationToken") is { } token)
        {
            // The handshake carries no clientState; echoing the token proves only that this URL answers, which is its purpose.
            return token.Length is 0 or > MaxValidationTokenLength
                ? Reject(WebhookResult.BadRequest("the validationToken is empty or too long"))
                : WebhookResult.Echo(token, "subscription validation handshake");
        }

        if (request.Body.Length > _options.MaxWebhookBytes)
        {
            return Reject(new WebhookResult(413, $"the body exceeds {_options.MaxWebhookBytes} bytes", []));
        }

        if (string.IsNullOrEmpty(_options.ClientState))
        {
            return Reject(WebhookResult.Unauthorized($"no clientState is configured ({BusinessCentralOptions.SectionName}:ClientState)"));
        }

        if (request.Body.IsEmpty)
        {
            return Reject(WebhookResult.BadRequest("the body is empty; expected {\"value\":[notifications]}"));
        }

        if (!BusinessCentralNotificationParser.TryParse(request.Body, out var notifications, out var error))
        {
            return Reject(WebhookResult.BadRequest($"malformed notification: {error}"));
        }

        // Check every clientState before using any notification: one forged item rejects the call.
        if (notifications.Any(n => !WebhookSecrets.Matches(n.ClientState, _options.ClientState)))
        {
            return Reject(WebhookResult.Unauthorized("a notification's clientState does not match"));
        }

        var byEntity = new Dictionary<string, List<RecordChange>>(StringComparer.Ordinal);
        foreach (var n in notifications)
        {
            if (Entity(n.Entity) is not { } entity)
            {
                BusinessCentralLog.WebhookIgnored(_logger, System, n.Entity, n.ChangeType, "entity not configured");
                continue;
            }

            if (string.Equals(n.ChangeType, "collection", StringComparison.OrdinalIgnoreCase))
            {
                _collections.Add(new CollectionNotification(entity, n.FilterSince ?? n.LastModified ?? DateTimeOffset.UnixEpoch));
                BusinessCentralLog.CollectionReceived(_logger, System, entity);
                continue;
            }

            if (n.Id is null)
            {
                return Reject(WebhookResult.BadRequest($"a '{n.ChangeType}' notification for {n.Entity} has no record id"));
            }

            var operation = string.Equals(n.ChangeType, "deleted", StringComparison.OrdinalIgnoreCase) ? ChangeOperation.Delete : ChangeOperation.Upsert;
            (byEntity.TryGetValue(entity, out var list) ? list : byEntity[entity] = []).Add(new RecordChange(n.Id, operation, n.LastModifiedText, null));
        }

        return byEntity.Count == 0
            ? WebhookResult.Ignored(_collections.Count > 0 ? "collection notification recorded for a follow-up query" : "no configured entity changed")
            : WebhookResult.Accepted(byEntity.Select(e => new WebhookNotification(e.Key, e.Value, null)).ToArray());
    }

    private string? Entity(string name) =>
        _options.Entities.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    private static string? Find(IReadOnlyDictionary<string, string> values, string name)
    {
        foreach (var (key, value) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private WebhookResult Reject(WebhookResult result)
    {
        BusinessCentralLog.WebhookRejected(_logger, System, result.StatusCode, result.Error ?? string.Empty);
        return result;
    }
}
