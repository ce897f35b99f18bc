using CrmBridge.Admin.Overview;
using CrmBridge.Pipeline.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Admin.Standalone;

/// <summary>The standalone host's chart sampling (<see cref="OutcomeSampler"/>): at start and every <see cref="OutcomeSeries.Interval"/>.</summary>
public sealed class OutcomeSamplingWorker : PeriodicWorker
{
    private readonly OutcomeSampler _sampler;

    /// <summary>Initializes a new instance of the <see cref="OutcomeSamplingWorker"/> class.</summary>
    /// <param name="sampler">The sampler.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger of failed passes.</param>
    public OutcomeSamplingWorker(OutcomeSampler sampler, TimeProvider time, ILogger<OutcomeSamplingWorker> logger)
        : base(time, logger) => _sampler = sampler;

    /// <inheritdoc />
    protected override TimeSpan Interval => OutcomeSeries.Interval;

    /// <inheritdoc />
    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken)
    {
        await _sampler.SampleAsync(stoppingToken).ConfigureAwait(false);
        return Interval;
    }
}
