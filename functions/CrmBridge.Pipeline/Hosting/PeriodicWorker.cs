using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>
/// A standalone-host loop that runs a pass, waits on the injected clock and runs again until the host stops. It owns the
/// loop, the cancellation and the host boundary; a subclass supplies the pass, which returns how long to wait before the
/// next, and its back-off after a failed pass.
/// </summary>
public abstract class PeriodicWorker : BackgroundService
{
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="PeriodicWorker"/> class.</summary>
    /// <param name="time">The clock the waits run on.</param>
    /// <param name="logger">The logger of failed passes.</param>
    protected PeriodicWorker(TimeProvider time, ILogger logger)
    {
        Time = time;
        _logger = logger;
    }

    /// <summary>Gets the clock the waits run on.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Gets the usual wait between two passes.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Gets a value indicating whether the worker has anything to do; when not, it ends at start.</summary>
    /// <value>Default <see langword="true"/>.</value>
    protected virtual bool Enabled => true;

    /// <summary>Runs one pass.</summary>
    /// <param name="stoppingToken">Cancelled when the host stops.</param>
    /// <returns>How long to wait before the next pass.</returns>
    protected abstract Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken);

    /// <summary>Tells whether the loop goes on after a failed pass; a failure it does not survive ends the worker.</summary>
    /// <param name="exception">What the pass threw (never the cancellation of the host's stop).</param>
    /// <returns>Default: every failure but a cancellation.</returns>
    protected virtual bool Survives(Exception exception) => exception is not OperationCanceledException;

    /// <summary>Logs a failed pass that the loop survives and returns how long to wait before the next.</summary>
    /// <param name="exception">What the pass threw.</param>
    /// <returns>Default: <see cref="Interval"/>.</returns>
    protected virtual TimeSpan OnFailed(Exception exception)
    {
        PipelineLog.PeriodicPassFailed(_logger, GetType().Name, exception);
        return Interval;
    }

    /// <inheritdoc />
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (Survives(ex))
            {
                // The host boundary: a failed pass is logged and retried after the back-off; it never stops the host.
                wait = OnFailed(ex);
            }

            try
            {
                await Task.Delay(wait, Time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
