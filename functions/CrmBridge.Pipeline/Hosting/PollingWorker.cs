using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>The standalone host's change detector: polls every <see cref="PollTarget"/> on its interval.</summary>
public sealed class PollingWorker : BackgroundService
{
    private readonly ChangePoller _poller;
    private readonly PollHealth _health;
    private readonly PollSchedule _schedule;
    private readonly TimeProvider _time;
    private long _polls;

    /// <summary>Initializes a new instance of the <see cref="PollingWorker"/> class.</summary>
    /// <param name="poller">The poller.</param>
    /// <param name="health">Records each poll's outcome and logs repeated failures once with a count.</param>
    /// <param name="schedule">What to poll.</param>
    /// <param name="time">The clock.</param>
    public PollingWorker(ChangePoller poller, PollHealth health, PollSchedule schedule, TimeProvider time)
    {
        _poller = poller;
        _health = health;
        _schedule = schedule;
        _time = time;
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
                var result = await _poller.PollAsync(target.System, target.Entity, stoppingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _polls);
                await _health.SucceededAsync(target.System, target.Entity, result.Enqueued, stoppingToken).ConfigureAwait(false);
                if (result.Pages >= 100)
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
