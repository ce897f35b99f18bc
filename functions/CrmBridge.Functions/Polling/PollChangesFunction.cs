using CrmBridge.Functions.Telemetry;
using CrmBridge.Hosting;
using CrmBridge.Pipeline.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Functions.Polling;

/// <summary>
/// Polls every configured system/entity (<c>Polling:Targets</c>) on the schedule in the <c>PollSchedule</c> app setting,
/// in the order derived from the mappings' lookups (<see cref="PollOrder"/>: the orders and cases that reference accounts
/// are polled once the accounts were, everything else in parallel), so referenced records are enqueued before their dependants.
/// Two guards keep two instances from advancing one checkpoint at once: the host runs a timer function as a singleton
/// across instances (a blob lease in the host's storage), and the poller saves checkpoints with an ETag, so a concurrent
/// poll (the backfill endpoint, a manual run) loses with a reported conflict instead of skipping or repeating changes.
/// </summary>
/// <param name="round">Polls the targets, parents first, and records each outcome.</param>
/// <param name="options">The app options (targets, concurrency, pages per run).</param>
/// <param name="logger">The logger.</param>
public sealed class PollChangesFunction(PollRound round, IOptions<FunctionsOptions> options, ILogger<PollChangesFunction> logger)
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

        var outcomes = await round.RunAsync(settings.PollTargets, settings.PollMaxPages, settings.PollConcurrency, cancellationToken).ConfigureAwait(false);
        foreach (var (target, result, _) in outcomes)
        {
            if (result is not null)
            {
                FunctionsLog.Polled(logger, target.System, target.Entity, result.Enqueued, result.Pages, result.Conflict, result.FullResync);
            }
        }

        var failed = outcomes.Where(o => o.Error is not null).Select(o => $"{o.Target.System}/{o.Target.Entity}").ToList();
        if (failed.Count > 0)
        {
            // Failing the invocation makes the run visible as failed in Application Insights (alert on it).
            throw new PollFailedException(failed);
        }
    }
}
