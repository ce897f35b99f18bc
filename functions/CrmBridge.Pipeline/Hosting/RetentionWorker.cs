using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>The standalone host's retention cleanup: runs <see cref="RetentionService"/> at start and every <see cref="PipelineOptions.RetentionInterval"/>.</summary>
public sealed class RetentionWorker : PeriodicWorker
{
    private readonly RetentionService _retention;
    private readonly PipelineOptions _options;
    private readonly ILogger<RetentionWorker> _logger;

    /// <summary>Initializes a new instance of the <see cref="RetentionWorker"/> class.</summary>
    /// <param name="retention">The cleanup.</param>
    /// <param name="options">The interval.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RetentionWorker(RetentionService retention, IOptions<PipelineOptions> options, TimeProvider time, ILogger<RetentionWorker> logger)
        : base(time, logger)
    {
        _retention = retention;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override TimeSpan Interval => _options.RetentionInterval;

    /// <inheritdoc />
    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken)
    {
        await _retention.PurgeAsync(stoppingToken).ConfigureAwait(false);
        return Interval;
    }

    /// <inheritdoc />
    /// <remarks>A failed cleanup is retried on the next interval.</remarks>
    protected override TimeSpan OnFailed(Exception exception)
    {
        PipelineLog.RetentionFailed(_logger, exception);
        return Interval;
    }
}
