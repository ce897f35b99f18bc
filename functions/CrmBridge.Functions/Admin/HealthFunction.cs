using CrmBridge.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Admin;

/// <summary>GET /api/crmbridge/health (admin key): storage and each connector reachable; 200 when healthy, else 503.</summary>
/// <param name="probe">The health probe.</param>
public sealed class HealthFunction(HealthProbe probe)
{
    /// <summary>Runs the checks.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The <see cref="HealthReport"/>.</returns>
    [Function("Health")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "crmbridge/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, report);
    }
}
