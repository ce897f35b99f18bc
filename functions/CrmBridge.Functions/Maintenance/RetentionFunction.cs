using CrmBridge.Pipeline.Operations;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Maintenance;

/// <summary>
/// Hourly retention cleanup (<see cref="RetentionService"/>): deletes closed, rejected-input and poison dead letters and
/// orphaned claim-check blobs older than <c>Pipeline:Retention</c> (default 30 days). The storage account's lifecycle
/// rule (infra/) deletes claim-check blobs by age too, so an app that is stopped still keeps no payload for ever.
/// </summary>
/// <param name="retention">The cleanup.</param>
public sealed class RetentionFunction(RetentionService retention)
{
    /// <summary>The schedule: hourly, at minute 23.</summary>
    public const string Schedule = "0 23 * * * *";

    /// <summary>Runs the cleanup.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the cleanup is done.</returns>
    [Function("Retention")]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.PurgeAsync(cancellationToken);
}
