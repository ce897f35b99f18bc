using System.Diagnostics;
using CrmBridge.Connectors.Webhooks;
using CrmBridge.Functions.Telemetry;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Queueing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Polling;

/// <summary>
/// Every minute: runs the follow-up queries of notifications that named no records (Business Central's
/// <c>collection</c>, recorded by the receiver on this instance) and enqueues what they found. The poll of the same
/// entities is the safety net when the notification reached another instance.
/// </summary>
/// <param name="maintenance">The registered maintenance of every configured system.</param>
/// <param name="intake">The intake that enqueues envelopes.</param>
/// <param name="logger">The logger.</param>
public sealed class WebhookFollowUpFunction(IEnumerable<IWebhookMaintenance> maintenance, ChangeIntake intake, ILogger<WebhookFollowUpFunction> logger)
{
    /// <summary>The schedule: every minute.</summary>
    public const string Schedule = "30 * * * * *";

    /// <summary>Runs the follow-ups.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when every system was tried.</returns>
    [Function("WebhookFollowUp")]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) => FollowUpAsync(cancellationToken);

    /// <summary>Runs the follow-ups of every system.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How many envelopes were enqueued.</returns>
    public async Task<int> FollowUpAsync(CancellationToken cancellationToken)
    {
        var enqueued = 0;
        foreach (var system in maintenance)
        {
            try
            {
                foreach (var notification in await system.FollowUpAsync(cancellationToken).ConfigureAwait(false))
                {
                    var correlationId = notification.CorrelationId ?? Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
                    var count = await intake.EnqueueAsync(system.System, notification.Entity, notification.Changes, EnvelopeOrigins.Webhook, correlationId, cancellationToken).ConfigureAwait(false);
                    FunctionsLog.WebhookFollowUpEnqueued(logger, system.System, notification.Entity, count, correlationId);
                    enqueued += count;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Host boundary: the follow-up put its notifications back; the next run or the poll picks them up.
                FunctionsLog.WebhookFollowUpFailed(logger, system.System, ex);
            }
        }

        return enqueued;
    }
}
