using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Batching;
using CrmBridge.Pipeline.Queueing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Drives the stage the way the Azure Functions queue trigger does (<c>demo --host functions</c>): the listener receives
/// batches of <see cref="BatchSize"/> messages and fetches the next batch whenever fewer than
/// <see cref="NewBatchThreshold"/> are in flight (host.json), each message is one invocation that calls
/// <see cref="StageCoalescer.HandleAsync"/> on its own, as <c>SyncChangeFunction</c> does, and is completed when the
/// invocation returns (left to redelivery when it throws).
/// </summary>
internal sealed class FunctionsTriggerDriver : BackgroundService
{
    /// <summary>host.json <c>extensions.queues.batchSize</c>.</summary>
    public const int BatchSize = 32;

    /// <summary>host.json <c>extensions.queues.newBatchThreshold</c>.</summary>
    public const int NewBatchThreshold = 3968;

    private readonly IWorkQueue _queue;
    private readonly StageCoalescer _coalescer;
    private readonly PipelineOptions _options;
    private long _processed;
    private int _inFlight;

    public FunctionsTriggerDriver(IWorkQueue queue, StageCoalescer coalescer, IOptions<PipelineOptions> options)
    {
        _queue = queue;
        _coalescer = coalescer;
        _options = options.Value;
    }

    /// <summary>Gets the invocations completed.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _inFlight) > NewBatchThreshold)
                {
                    await Task.Delay(5, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var batch = await _queue.ReceiveAsync(BatchSize, _options.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    await Task.Delay(_options.IdleDelay, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var message in batch)
                {
                    Interlocked.Increment(ref _inFlight);
                    _ = InvokeAsync(message, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task InvokeAsync(QueuedEnvelope message, CancellationToken stoppingToken)
    {
        try
        {
            await _coalescer.HandleAsync(message.Envelope, message.DequeueCount, stoppingToken).ConfigureAwait(false);
            await _queue.CompleteAsync(message, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _processed);
        }
        catch (Exception)
        {
            // The invocation failed (or the host is stopping): the message becomes visible again after its visibility
            // timeout, as on Azure.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
