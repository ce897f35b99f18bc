using CrmBridge.Functions.Http;
using CrmBridge.Functions.Telemetry;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Functions.Admin;

/// <summary>
/// POST /api/crmbridge/backfill/{system}/{entity} (admin key): forgets the checkpoint and polls from the beginning.
/// The first pages (<c>Functions:PollMaxPages</c>) are enqueued within the request; a larger backfill continues on the
/// poll timer when the target is in <c>Polling:Targets</c>, or by calling this endpoint again without reset
/// (<c>?reset=false</c>). The ledger keeps a backfill from duplicating records already synced.
/// </summary>
/// <param name="poller">The change poller.</param>
/// <param name="connectors">The connectors (to answer 404 for an unknown system).</param>
/// <param name="options">The app options.</param>
/// <param name="logger">The logger.</param>
public sealed class BackfillFunction(ChangePoller poller, ConnectorRegistry connectors, IOptions<FunctionsOptions> options, ILogger<BackfillFunction> logger)
{
    /// <summary>Starts (or continues) a backfill.</summary>
    /// <param name="request">The request (<c>?reset=false</c> continues without resetting).</param>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the call; what was enqueued stays enqueued and matches its checkpoint.</param>
    /// <returns>202 with the poll result, 404 for an unknown system, 409 when a concurrent poll advanced the checkpoint.</returns>
    [Function("Backfill")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "crmbridge/backfill/{system}/{entity}")] HttpRequest request,
        string system,
        string entity,
        CancellationToken cancellationToken)
    {
        if (!connectors.TryGet(system, out _))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, $"No connector is configured for system '{system}'.");
        }

        if (!string.Equals(request.Query["reset"].ToString(), "false", StringComparison.OrdinalIgnoreCase))
        {
            await poller.ResetAsync(system, entity, cancellationToken).ConfigureAwait(false);
        }

        var result = await poller.PollAsync(system, entity, options.Value.PollMaxPages, cancellationToken).ConfigureAwait(false);
        FunctionsLog.Backfill(logger, system, entity, result.Enqueued, result.Pages);
        return ApiResults.Json(result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status202Accepted, result);
    }
}
