using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>
/// The standalone host's change detector: polls every <see cref="PollTarget"/> on its interval, one loop per target. A
/// target whose records reference another polled entity (<see cref="PollOrder"/>: orders → accounts) does not start a
/// poll while that entity is being polled or has pages waiting, for at most <see cref="PipelineOptions.PollDependencyHold"/>
/// (<see cref="PollGate"/>), so referenced records reach the queue before their dependants.
/// </summary>
public sealed class PollingWorker : BackgroundService
{
    private readonly ChangePoller _poller;
    private readonly PollHealth _health;
    private readonly PollSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly PollGate _gate;
    private readonly TimeSpan _hold;
    private long _polls;

    /// <summary>Initializes a new instance of the <see cref="PollingWorker"/> class.</summary>
    /// <param name="poller">The poller.</param>
    /// <param name="health">Records each poll's outcome and logs repeated failures once with a count.</param>
    /// <param name="schedule">What to poll.</param>
    /// <param name="time">The clock.</param>
    /// <param name="order">Which targets reference which (parents are polled first).</param>
    /// <param name="options">The pipeline options (<see cref="PipelineOptions.PollDependencyHold"/>).</param>
    /// <param name="logger">The logger.</param>
    public PollingWorker(ChangePoller poller, PollHealth health, PollSchedule schedule, TimeProvider time, PollOrder order, IOptions<PipelineOptions> options, ILogger<PollingWorker> logger)
    {
        _poller = poller;
        _health = health;
        _schedule = schedule;
        _time = time;
        _hold = options.Value.PollDependencyHold;
        _gate = new PollGate(order, schedule.Targets, time, logger);
    }

    /// <summary>Gets how many polls completed since start.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_schedule.Targets.Select(t => PollLoopAsync(t, stoppingToken)));

    private async Task RecordFailureAsync(PollTarget target, Exception exception, CancellationToken stoppingToken)
    {
        try
        {
            await _health.FailedAsync(target.System, target.Entity, exception, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task PollLoopAsync(PollTarget target, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = target.Interval;
            try
            {
                await _gate.WaitForParentsAsync(target, _hold, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _gate.Started(target);
            var finished = false;
            try
            {
                var result = await _poller.PollAsync(target.System, target.Entity, stoppingToken).ConfigureAwait(false);
                _gate.Finished(target, result.HasMore);
                finished = true;
                Interlocked.Increment(ref _polls);
                await _health.SucceededAsync(target.System, target.Entity, result.Enqueued, stoppingToken).ConfigureAwait(false);
                if (result.HasMore)
                {
                    wait = TimeSpan.Zero; // More is waiting: keep going without a pause.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Host boundary of one poll loop: record and log (once per kind of error), then try again later.
                if (!finished)
                {
                    _gate.Failed(target);
                }

                await RecordFailureAsync(target, ex, stoppingToken).ConfigureAwait(false);
                if (ex is ConnectorException { RetryAfter: { } retryAfter } && retryAfter > wait)
                {
                    wait = retryAfter;
                }
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
