using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Webhooks;

/// <summary>
/// POST /api/webhooks/erp: ERP change notifications. Needs the Functions key (<c>?code=</c> or <c>x-functions-key</c>)
/// and the receiver's own secret; see <see cref="WebhookHandler"/>.
/// </summary>
/// <param name="handler">The shared webhook handler.</param>
public sealed class ErpWebhookFunction(WebhookHandler handler)
{
    /// <summary>The system name whose receiver handles this route.</summary>
    public const string System = "erp";

    /// <summary>Receives one call.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    [Function("ErpWebhook")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/erp")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(System, request, cancellationToken);
}
