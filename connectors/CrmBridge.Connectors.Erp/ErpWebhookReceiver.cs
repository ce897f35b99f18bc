using System.Globalization;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Erp;

/// <summary>
/// Receives the ERP's change webhooks: <c>{"entity","id","operation","version","seq"}</c> (or an array of them) with the
/// shared secret in <c>X-Erp-Webhook-Key</c>. Checks the key in constant time, then the size, then the body; answers
/// 202 with ids only (the sync stage fetches the records), 401/400/413 with a reason otherwise.
/// </summary>
internal sealed class ErpWebhookReceiver(IOptions<ErpConnectorOptions> options) : IWebhookReceiver
{
    /// <summary>The header carrying the shared secret.</summary>
    public const string KeyHeader = "X-Erp-Webhook-Key";

    private readonly ErpConnectorOptions _options = options.Value;

    /// <inheritdoc />
    public string System => _options.System;

    /// <inheritdoc />
    public WebhookResult Receive(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(_options.WebhookKey))
        {
            return WebhookResult.Unauthorized($"{ErpConnectorOptions.SectionName}:WebhookKey is not configured; ERP webhooks are refused.");
        }

        if (!WebhookSecrets.Matches(Header(request, KeyHeader), _options.WebhookKey))
        {
            return WebhookResult.Unauthorized($"The {KeyHeader} header is missing or wrong.");
        }

        if (request.Body.Length > _options.WebhookMaxBodyBytes)
        {
            return new WebhookResult(413, string.Create(CultureInfo.InvariantCulture,
                $"The body has {request.Body.Length} bytes; the limit is {_options.WebhookMaxBodyBytes} ({ErpConnectorOptions.SectionName}:WebhookMaxBodyBytes)."), []);
        }

        var (changes, error) = ErpWebhookParser.Parse(request.Body);
        if (error is not null)
        {
            return WebhookResult.BadRequest(error);
        }

        var correlationId = Header(request, "X-Correlation-Id");
        var notifications = changes!
            .GroupBy(c => c.Entity, StringComparer.Ordinal)
            .Select(g => new WebhookNotification(g.Key, g.Select(c => c.Change).ToList(), correlationId))
            .ToArray();
        return WebhookResult.Accepted(notifications);
    }

    private static string? Header(WebhookRequest request, string name) =>
        request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
