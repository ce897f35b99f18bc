using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts;

/// <summary>The standalone host's alert loop: <see cref="AlertEngine.RunOnceAsync"/> every <see cref="AlertsOptions.EvaluationInterval"/>.</summary>
internal sealed class AlertWorker(AlertEngine engine, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!engine.HasChannels)
        {
            AlertsLog.NoChannel(logger);
        }

        using var timer = new PeriodicTimer(options.Value.EvaluationInterval, time);
        do
        {
            try
            {
                await engine.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
