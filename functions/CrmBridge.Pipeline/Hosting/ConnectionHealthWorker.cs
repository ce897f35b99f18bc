using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>The standalone host's connection health loop: <see cref="ConnectionHealthReporter.RunOnceAsync"/> every <see cref="PipelineOptions.HealthPublishInterval"/>.</summary>
/// <param name="reporter">Publishes the snapshots and logs connections that turn bad or good.</param>
/// <param name="options">The interval.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class ConnectionHealthWorker(ConnectionHealthReporter reporter, IOptions<PipelineOptions> options, TimeProvider time, ILogger<ConnectionHealthWorker> logger)
    : PeriodicWorker(time, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.HealthPublishInterval;

    /// <inheritdoc />
    /// <remarks>
    /// The reporter logs its own failures (<see cref="ConnectionHealthReporter.TryRunOnceAsync"/>). Passes keep a fixed
    /// rate: the next one is due an interval after this one started.
    /// </remarks>
    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken)
    {
        var started = Time.GetTimestamp();
        await reporter.TryRunOnceAsync(stoppingToken).ConfigureAwait(false);
        var left = Interval - Time.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
