using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>The standalone host's change detector: polls every <see cref="PollTarget"/> on its interval.</summary>
public sealed class PollingWorker : BackgroundService
{
    private readonly ChangePoller _poller;
    private readonly PollSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly ILogger<PollingWorker> _logger;
    private long _polls;

    /// <summary>Initializes a new instance of the <see cref="PollingWorker"/> class.</summary>
    /// <param name="poller">The poller.</param>
    /// <param name="schedule">What to poll.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public PollingWorker(ChangePoller poller, PollSchedule schedule, TimeProvider time, ILogger<PollingWorker> logger)
    {
        _poller = poller;
        _schedule = schedule;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets how many polls completed since start.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_schedule.Targets.Select(t => PollLoopAsync(t, stoppingToken)));

    private async Task PollLoopAsync(PollTarget target, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = target.Interval;
            try
            {
                var result = await _poller.PollAsync(target.System, target.Entity, stoppingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _polls);
                if (result.Pages >= 100)
                {
                    wait = TimeSpan.Zero; // More is waiting: keep going without a pause.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConnectorException ex)
            {
                PipelineLog.PollFailed(_logger, target.System, target.Entity, ex.ErrorCode, ex);
                wait = ex.RetryAfter is { } retryAfter && retryAfter > wait ? retryAfter : wait;
            }
            catch (Exception ex)
            {
                PipelineLog.PollFailed(_logger, target.System, target.Entity, ex.GetType().Name, ex);
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
