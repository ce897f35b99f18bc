using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>The standalone host's retention cleanup: runs <see cref="RetentionService"/> at start and every <see cref="PipelineOptions.RetentionInterval"/>.</summary>
public sealed class RetentionWorker : BackgroundService
{
    private readonly RetentionService _retention;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionWorker> _logger;

    /// <summary>Initializes a new instance of the <see cref="RetentionWorker"/> class.</summary>
    /// <param name="retention">The cleanup.</param>
    /// <param name="options">The interval.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RetentionWorker(RetentionService retention, IOptions<PipelineOptions> options, TimeProvider time, ILogger<RetentionWorker> logger)
    {
        _retention = retention;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _retention.PurgeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Host boundary: a failed cleanup is retried on the next interval; it never stops the host.
                PipelineLog.RetentionFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(_options.RetentionInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
