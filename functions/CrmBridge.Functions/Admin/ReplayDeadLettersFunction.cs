using CrmBridge.Functions.Http;
using CrmBridge.Functions.Telemetry;
using CrmBridge.Pipeline.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Admin;

/// <summary>POST /api/crmbridge/deadletters/replay?system=&amp;entity=&amp;limit= (admin key): replays every matching open dead letter.</summary>
/// <param name="deadLetters">The dead-letter service.</param>
/// <param name="logger">The logger.</param>
public sealed class ReplayDeadLettersFunction(DeadLetterService deadLetters, ILogger<ReplayDeadLettersFunction> logger)
{
    /// <summary>Replays the open dead letters matching the filter (after the mapping or data was fixed).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call; those replayed so far stay replayed.</param>
    /// <returns>202 with the number replayed, or 400 for a bad filter.</returns>
    [Function("ReplayDeadLetters")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "crmbridge/deadletters/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var query = DeadLetterQueryParser.Parse(request.Query, out var error);
        if (query is null)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, error!);
        }

        var count = await deadLetters.ReplayAllAsync(query, null, cancellationToken).ConfigureAwait(false);
        var target = $"{query.System ?? "*"}/{query.Entity ?? "*"}";
        FunctionsLog.DeadLetterAction(logger, "replay-all", target, $"{count} replayed");
        return ApiResults.Json(StatusCodes.Status202Accepted, new DeadLetterActionResult(target, count));
    }
}
