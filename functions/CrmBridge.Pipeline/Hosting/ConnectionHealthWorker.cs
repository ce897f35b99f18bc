using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>The standalone host's connection health loop: <see cref="ConnectionHealthReporter.RunOnceAsync"/> every <see cref="PipelineOptions.HealthPublishInterval"/>.</summary>
/// <param name="reporter">Publishes the snapshots and logs connections that turn bad or good.</param>
/// <param name="options">The interval.</param>
/// <param name="time">The clock.</param>
public sealed class ConnectionHealthWorker(ConnectionHealthReporter reporter, IOptions<PipelineOptions> options, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HealthPublishInterval, time);
        do
        {
            try
            {
                await reporter.TryRunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
