using CrmBridge.Functions.Telemetry;
using CrmBridge.Pipeline.Operations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Polling;

/// <summary>
/// Every minute: dead-letters what asynchronous targets refused after accepting it (staging rows the ERP job rejected),
/// naming the target's message and the source record; a replay of the dead letter resubmits the record. Records what they
/// accepted (the ERP's id and number) in the cross-reference. A singleton timer, and each rejection or acceptance is claimed
/// by one host at a time, so instances do not handle the same one twice.
/// </summary>
/// <param name="surfacer">The rejection surfacer.</param>
/// <param name="logger">The logger.</param>
public sealed class SurfaceRejectionsFunction(RejectionSurfacer surfacer, ILogger<SurfaceRejectionsFunction> logger)
{
    /// <summary>The schedule: every minute.</summary>
    public const string Schedule = "0 */1 * * * *";

    /// <summary>Surfaces up to 500 rejections and records up to 500 acceptances per connector.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="cancellationToken">Cancels the run; unacknowledged rejections are read again next time.</param>
    /// <returns>A task that completes when done.</returns>
    [Function("SurfaceRejections")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!surfacer.HasFeeds)
        {
            return;
        }

        var count = await surfacer.SurfaceAsync(500, cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            FunctionsLog.RejectionsSurfaced(logger, count);
        }
    }
}
