using CrmBridge.Alerts;
using CrmBridge.Pipeline.Operations;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Alerts;

/// <summary>
/// Evaluates the alert rules every minute (docs/alerts.md) and sends what the de-duplication gate admits. A timer is a
/// singleton across instances, so one instance decides; the standalone host runs the same engine as a hosted service.
/// Configure channels with <c>Alerts__Teams__WebhookUrl</c> etc.; without any channel the rules still run and log.
/// </summary>
/// <remarks>
/// It first records what this instance saw of each connection (<see cref="ConnectionHealthReporter"/>: the state store, and a log line per connection that turns bad or good, which the Azure Monitor rules match), so the rules,
/// <c>crmbridge status</c> and the other instances see token failures, push channels and throttling from here too.
/// </remarks>
/// <param name="engine">The alert engine.</param>
/// <param name="health">Records this instance's connection health in the state store.</param>
public sealed class AlertsFunction(AlertEngine engine, ConnectionHealthReporter health)
{
    /// <summary>The schedule: every minute, at second 30 (away from the poll timer's second 0).</summary>
    public const string Schedule = "30 * * * * *";

    /// <summary>Runs the rules once.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the admitted alerts are sent.</returns>
    [Function("Alerts")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        await health.TryRunOnceAsync(cancellationToken).ConfigureAwait(false);

        await engine.RunOnceAsync(cancellationToken).ConfigureAwait(false);
    }
}
