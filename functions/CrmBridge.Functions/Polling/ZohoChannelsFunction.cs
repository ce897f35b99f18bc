using CrmBridge.Connectors.Zoho;
using CrmBridge.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Functions.Polling;

/// <summary>
/// Keeps the Zoho CRM notification channels (which expire, at most after a week) pointed at <c>webhooks/zoho</c> (<see cref="Webhooks.ZohoWebhookFunction"/>):
/// every hour it (re)subscribes every watched module with the fixed channel ids, which also renews them (one call per
/// module: negligible against Zoho's daily credits). No RunOnStartup: it would fire on every scale-out. The
/// standalone host has no webhook listener and does not subscribe; <c>crmbridge zoho register</c> subscribes with the same
/// <see cref="ZohoNotificationSubscriber"/> (and <c>--check</c> lists the channels); Functions instances come and go, so a
/// timer (a singleton across instances) is the reliable place here. Does nothing when
/// Zoho is not configured or has no <c>Connectors:Zoho:NotifyUrl</c>.
/// </summary>
/// <param name="services">The services (the subscriber exists only when Zoho is configured).</param>
/// <param name="logger">The logger.</param>
public sealed class ZohoChannelsFunction(IServiceProvider services, ILogger<ZohoChannelsFunction> logger)
{
    /// <summary>The schedule: hourly, at minute 7 (the default channel lifetime is one day).</summary>
    public const string Schedule = "0 7 * * * *";

    /// <summary>Subscribes or renews the channels.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the channels are subscribed (or at once when not configured).</returns>
    [Function("ZohoChannels")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var subscriber = services.GetService<ZohoNotificationSubscriber>();
        var options = services.GetService<IOptions<ZohoConnectorOptions>>()?.Value;
        if (subscriber is null || options?.NotifyUrl is null)
        {
            FunctionsLog.ZohoChannelsSkipped(logger);
            return;
        }

        var channels = await subscriber.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        FunctionsLog.ZohoChannelsSubscribed(logger, channels.Count);
    }
}
