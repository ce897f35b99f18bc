using CrmBridge.Functions.Http;
using CrmBridge.Pipeline.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Admin;

/// <summary>GET /api/crmbridge/deadletters?status=&amp;system=&amp;entity=&amp;limit= (admin key): dead letters, newest first.</summary>
/// <param name="deadLetters">The dead-letter service.</param>
public sealed class DeadLettersFunction(DeadLetterService deadLetters)
{
    /// <summary>Lists dead letters (open ones unless <c>status</c> says otherwise).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letters, or 400 for a bad filter.</returns>
    [Function("DeadLetters")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "crmbridge/deadletters")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var query = DeadLetterQueryParser.Parse(request.Query, out var error);
        if (query is null)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, error!);
        }

        return ApiResults.Json(StatusCodes.Status200OK, await deadLetters.ListAsync(query, cancellationToken).ConfigureAwait(false));
    }
}
