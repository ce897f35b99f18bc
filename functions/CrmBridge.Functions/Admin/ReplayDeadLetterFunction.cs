using CrmBridge.Functions.Http;
using CrmBridge.Functions.Telemetry;
using CrmBridge.Pipeline.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Admin;

/// <summary>POST /api/crmbridge/deadletters/{id}/replay (admin key): re-enqueues the record (fresh data, current mapping).</summary>
/// <param name="deadLetters">The dead-letter service.</param>
/// <param name="logger">The logger.</param>
public sealed class ReplayDeadLetterFunction(DeadLetterService deadLetters, ILogger<ReplayDeadLetterFunction> logger)
{
    /// <summary>Replays one open dead letter.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The dead letter id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>202 when replayed; 404 when it does not exist or is no longer open.</returns>
    [Function("ReplayDeadLetter")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "crmbridge/deadletters/{id}/replay")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var outcome = await deadLetters.TryReplayAsync(id, cancellationToken).ConfigureAwait(false);
        FunctionsLog.DeadLetterAction(logger, "replay", id, outcome.ToString());
        return outcome switch
        {
            ReplayOutcome.Replayed => ApiResults.Json(StatusCodes.Status202Accepted, new DeadLetterActionResult(id, 1)),
            ReplayOutcome.NotReplayable => ApiResults.Error(StatusCodes.Status409Conflict, $"Dead letter '{id}' holds rejected input (a malformed call) and cannot be replayed: fix the sender and dismiss it."),
            _ => ApiResults.Error(StatusCodes.Status404NotFound, $"No open dead letter '{id}'."),
        };
    }
}
