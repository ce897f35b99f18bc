using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>
/// The standalone host's connection health loop: every <see cref="PipelineOptions.HealthPublishInterval"/> it records
/// what this process saw of each connection (<see cref="ConnectionHealthPublisher"/>) and logs a connection that turns
/// bad or good again (<see cref="ConnectionHealthService"/>), once per change rather than on every pass.
/// </summary>
/// <param name="publisher">Writes the snapshots.</param>
/// <param name="health">Judges them.</param>
/// <param name="options">The interval.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class ConnectionHealthWorker(
    ConnectionHealthPublisher publisher,
    ConnectionHealthService health,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<ConnectionHealthWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, string> _verdicts = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HealthPublishInterval, time);
        do
        {
            try
            {
                await publisher.PublishAsync(stoppingToken).ConfigureAwait(false);
                await LogChangesAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Host boundary: health reporting never stops the host.
                ConnectionHealthLog.PublishFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task LogChangesAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in await health.GetAsync([], cancellationToken).ConfigureAwait(false))
        {
            var before = _verdicts.GetValueOrDefault(connection.System, "OK");
            if (before == connection.Verdict)
            {
                continue;
            }

            _verdicts[connection.System] = connection.Verdict;
            if (connection.Ok)
            {
                ConnectionHealthLog.Recovered(logger, connection.System);
            }
            else
            {
                ConnectionHealthLog.Problem(logger, connection.System, connection.Verdict);
            }
        }
    }
}
