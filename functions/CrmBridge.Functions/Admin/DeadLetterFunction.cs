using CrmBridge.Functions.Http;
using CrmBridge.Pipeline.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Admin;

/// <summary>GET /api/crmbridge/deadletters/{id} (admin key): one dead letter with its reason, envelope and attempt history.</summary>
/// <param name="deadLetters">The dead-letter service.</param>
public sealed class DeadLetterFunction(DeadLetterService deadLetters)
{
    /// <summary>Shows one dead letter.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The dead letter id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter, or 404.</returns>
    [Function("DeadLetter")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "crmbridge/deadletters/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var letter = await deadLetters.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return letter is null
            ? ApiResults.Error(StatusCodes.Status404NotFound, $"No dead letter '{id}'.")
            : ApiResults.Json(StatusCodes.Status200OK, letter);
    }
}
