using CrmBridge.Functions.Http;
using CrmBridge.Functions.Telemetry;
using CrmBridge.Pipeline.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Admin;

/// <summary>POST /api/crmbridge/deadletters/{id}/dismiss (admin key): closes a dead letter without replay (kept for audit).</summary>
/// <param name="deadLetters">The dead-letter service.</param>
/// <param name="logger">The logger.</param>
public sealed class DismissDeadLetterFunction(DeadLetterService deadLetters, ILogger<DismissDeadLetterFunction> logger)
{
    /// <summary>Dismisses one dead letter.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The dead letter id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200, or 404 when it does not exist.</returns>
    [Function("DismissDeadLetter")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "crmbridge/deadletters/{id}/dismiss")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var dismissed = await deadLetters.DismissAsync(id, cancellationToken).ConfigureAwait(false);
        FunctionsLog.DeadLetterAction(logger, "dismiss", id, dismissed ? "dismissed" : "not found");
        return dismissed
            ? ApiResults.Json(StatusCodes.Status200OK, new DeadLetterActionResult(id, 1))
            : ApiResults.Error(StatusCodes.Status404NotFound, $"No dead letter '{id}'.");
    }
}
