using CrmBridge.Connectors;
using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>The standalone host's rejection poller: every <see cref="PipelineOptions.RejectionPollInterval"/>, dead-letters what asynchronous targets refused.</summary>
public sealed class RejectionWorker : BackgroundService
{
    private readonly RejectionSurfacer _surfacer;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RejectionWorker> _logger;

    /// <summary>Initializes a new instance of the <see cref="RejectionWorker"/> class.</summary>
    /// <param name="surfacer">The surfacer.</param>
    /// <param name="options">The pipeline options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RejectionWorker(RejectionSurfacer surfacer, IOptions<PipelineOptions> options, TimeProvider time, ILogger<RejectionWorker> logger)
    {
        _surfacer = surfacer;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_surfacer.HasFeeds)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = _options.RejectionPollInterval;
            try
            {
                if (await _surfacer.SurfaceAsync(100, stoppingToken).ConfigureAwait(false) >= 100)
                {
                    wait = TimeSpan.Zero;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConnectorException ex)
            {
                PipelineLog.RejectionPollFailed(_logger, ex.System, ex.ErrorCode, ex);
                wait = ex.RetryAfter is { } retryAfter && retryAfter > wait ? retryAfter : wait;
            }

            try
            {
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
