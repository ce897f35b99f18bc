using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Webhooks;

/// <summary>
/// POST /api/webhooks/system/{system}: the extension point for any other system whose connector registers an
/// <c>IWebhookReceiver</c> (for example a second ERP configured as <c>System = "sap"</c>); no new function is needed.
/// The route has its own segment because the Functions host does not rank literal routes above parameterised ones
/// (it matches in function-name order), so <c>webhooks/{system}</c> could shadow <c>webhooks/zoho</c>.
/// </summary>
/// <param name="handler">The shared webhook handler.</param>
public sealed class SystemWebhookFunction(WebhookHandler handler)
{
    /// <summary>Receives one call.</summary>
    /// <param name="request">The request.</param>
    /// <param name="system">The system named in the route.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer (404 when no receiver serves the system).</returns>
    [Function("SystemWebhook")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/system/{system}")] HttpRequest request,
        string system,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(system, request, cancellationToken);
}
