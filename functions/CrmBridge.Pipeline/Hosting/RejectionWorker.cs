using CrmBridge.Connectors;
using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>The standalone host's rejection poller: every <see cref="PipelineOptions.RejectionPollInterval"/>, dead-letters what asynchronous targets refused.</summary>
public sealed class RejectionWorker : PeriodicWorker
{
    private const int Limit = 100;
    private readonly RejectionSurfacer _surfacer;
    private readonly PipelineOptions _options;
    private readonly ILogger<RejectionWorker> _logger;

    /// <summary>Initializes a new instance of the <see cref="RejectionWorker"/> class.</summary>
    /// <param name="surfacer">The surfacer.</param>
    /// <param name="options">The pipeline options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RejectionWorker(RejectionSurfacer surfacer, IOptions<PipelineOptions> options, TimeProvider time, ILogger<RejectionWorker> logger)
        : base(time, logger)
    {
        _surfacer = surfacer;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override TimeSpan Interval => _options.RejectionPollInterval;

    /// <inheritdoc />
    protected override bool Enabled => _surfacer.HasFeeds;

    /// <inheritdoc />
    /// <remarks>A full read means more are waiting: the next pass comes at once.</remarks>
    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken) =>
        await _surfacer.SurfaceAsync(Limit, stoppingToken).ConfigureAwait(false) >= Limit ? TimeSpan.Zero : Interval;

    /// <inheritdoc />
    /// <remarks>Only a connector failure is survived (as before the base existed); anything else ends the worker.</remarks>
    protected override bool Survives(Exception exception) => exception is ConnectorException;

    /// <inheritdoc />
    /// <remarks>Waits the interval, or longer when the system asked for it.</remarks>
    protected override TimeSpan OnFailed(Exception exception)
    {
        var failure = (ConnectorException)exception;
        PipelineLog.RejectionPollFailed(_logger, failure.System, failure.ErrorCode, failure);
        return failure.RetryAfter is { } retryAfter && retryAfter > Interval ? retryAfter : Interval;
    }
}
