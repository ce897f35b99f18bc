using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Webhooks;

/// <summary>
/// POST /api/webhooks/dataverse: Dataverse change notifications. Needs the Functions key (<c>?code=</c> or <c>x-functions-key</c>)
/// and the receiver's own secret; see <see cref="WebhookHandler"/>.
/// </summary>
/// <param name="handler">The shared webhook handler.</param>
public sealed class DataverseWebhookFunction(WebhookHandler handler)
{
    /// <summary>The system name whose receiver handles this route.</summary>
    public const string System = "dataverse";

    /// <summary>Receives one call.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    [Function("DataverseWebhook")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/dataverse")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(System, request, cancellationToken);
}
