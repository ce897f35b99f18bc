using CrmBridge.Functions.Telemetry;
using CrmBridge.Hosting;
using CrmBridge.Pipeline.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Functions.Polling;

/// <summary>
/// Polls every configured system/entity (<c>Polling:Targets</c>) on the schedule in the <c>PollSchedule</c> app setting.
/// Two guards keep two instances from advancing one checkpoint at once: the host runs a timer function as a singleton
/// across instances (a blob lease in the host's storage), and the poller saves checkpoints with an ETag, so a concurrent
/// poll (the backfill endpoint, a manual run) loses with a reported conflict instead of skipping or repeating changes.
/// </summary>
/// <param name="poller">The change poller.</param>
/// <param name="health">Records each poll's outcome for <c>status</c> and logs repeated failures once with a count.</param>
/// <param name="options">The app options (targets, concurrency, pages per run).</param>
/// <param name="logger">The logger.</param>
public sealed class PollChangesFunction(ChangePoller poller, PollHealth health, IOptions<FunctionsOptions> options, ILogger<PollChangesFunction> logger)
{
    /// <summary>Polls every target once.</summary>
    /// <param name="timer">The timer (unused: the schedule is the app setting).</param>
    /// <param name="cancellationToken">Cancels the polls; what was enqueued stays enqueued and matches its checkpoint.</param>
    /// <returns>A task that completes when every target was polled.</returns>
    /// <exception cref="PollFailedException">When at least one target failed (after every other target was polled).</exception>
    [Function("PollChanges")]
    public async Task RunAsync([TimerTrigger("%" + ConfigurationKeys.PollSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.PollTargets.Count == 0)
        {
            FunctionsLog.NoPollTargets(logger);
            return;
        }

        var failed = new List<string>();
        await Parallel.ForEachAsync(
            settings.PollTargets,
            new ParallelOptions { MaxDegreeOfParallelism = settings.PollConcurrency, CancellationToken = cancellationToken },
            async (target, ct) =>
            {
                try
                {
                    var result = await poller.PollAsync(target.System, target.Entity, settings.PollMaxPages, ct).ConfigureAwait(false);
                    FunctionsLog.Polled(logger, target.System, target.Entity, result.Enqueued, result.Pages, result.Conflict, result.FullResync);
                    await health.SucceededAsync(target.System, target.Entity, result.Enqueued, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Host boundary: one failing system must not stop the others; the run is reported failed below.
                    // PollHealth records the outcome for `status` and logs repeats of one error once with a count.
                    await health.FailedAsync(target.System, target.Entity, ex, ct).ConfigureAwait(false);
                    lock (failed)
                    {
                        failed.Add($"{target.System}/{target.Entity}");
                    }
                }
            }).ConfigureAwait(false);

        if (failed.Count > 0)
        {
            // Failing the invocation makes the run visible as failed in Application Insights (alert on it).
            throw new PollFailedException(failed);
        }
    }
}
