using CrmBridge.Admin.Overview;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Maintenance;

/// <summary>
/// Samples the admin overview's running totals every 15 minutes (<see cref="OutcomeSampler"/>), so its chart has a bar
/// for every interval even when nobody had the page open.
/// </summary>
/// <param name="sampler">The sampler.</param>
public sealed class OutcomeSamplingFunction(OutcomeSampler sampler)
{
    /// <summary>The schedule: every 15 minutes (<see cref="OutcomeSeries.Interval"/>), at second 30.</summary>
    public const string Schedule = "30 */15 * * * *";

    /// <summary>Takes the sample.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when sampled.</returns>
    [Function("SampleOutcomes")]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        sampler.SampleAsync(cancellationToken);
}
