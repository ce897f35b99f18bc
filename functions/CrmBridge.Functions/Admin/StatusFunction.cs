using CrmBridge.Functions.Http;
using CrmBridge.Pipeline.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Admin;

/// <summary>GET /api/crmbridge/status (admin key): per system/entity/route counts, checkpoints, queue length, open dead letters.</summary>
/// <param name="status">The status service.</param>
public sealed class StatusFunction(StatusService status)
{
    /// <summary>Builds the report.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The <see cref="SyncStatusReport"/>.</returns>
    [Function("Status")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "crmbridge/status")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiResults.Json(StatusCodes.Status200OK, await status.GetReportAsync(cancellationToken).ConfigureAwait(false));
}
