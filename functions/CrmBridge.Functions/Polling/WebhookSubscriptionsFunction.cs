using CrmBridge.Connectors.Webhooks;
using CrmBridge.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Polling;

/// <summary>
/// Hourly: every registered <see cref="IWebhookMaintenance"/> creates missing webhook subscriptions and renews those about
/// to expire (Business Central: 3 days; renewed a day ahead). Does nothing for systems without a notification URL.
/// </summary>
/// <param name="maintenance">The registered maintenance of every configured system.</param>
/// <param name="logger">The logger.</param>
public sealed class WebhookSubscriptionsFunction(IEnumerable<IWebhookMaintenance> maintenance, ILogger<WebhookSubscriptionsFunction> logger)
{
    /// <summary>The schedule: minute 17 of every hour.</summary>
    public const string Schedule = "0 17 * * * *";

    /// <summary>Runs the maintenance.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when every system was tried.</returns>
    [Function("WebhookSubscriptions")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var system in maintenance)
        {
            try
            {
                await system.MaintainSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
                FunctionsLog.WebhookSubscriptionsMaintained(logger, system.System);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Host boundary: one system's failure must not stop the others; the run is reported failed below.
                FunctionsLog.WebhookSubscriptionsFailed(logger, system.System, ex);
                failed.Add(system.System);
            }
        }

        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"Webhook subscriptions could not be maintained for {string.Join(", ", failed)}; see the logged errors.");
        }
    }
}
