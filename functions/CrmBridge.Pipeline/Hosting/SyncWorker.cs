using CrmBridge.Pipeline.Batching;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmBridge.Pipeline.Telemetry;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>
/// The standalone host's queue consumer: <see cref="PipelineOptions.Lanes"/> loops, each receiving a batch, handing it to
/// the <see cref="SyncStage"/> and completing the messages. On shutdown it stops receiving and lets in-flight batches
/// finish for up to <see cref="PipelineOptions.ShutdownTimeout"/>; anything still unfinished is not completed and is
/// redelivered after its visibility timeout, so nothing in flight is lost.
/// </summary>
public sealed class SyncWorker : BackgroundService
{
    /// <summary>The most envelopes a gathered batch holds, per <see cref="PipelineOptions.CoalesceMaxBatch"/> record slot.</summary>
    internal const int MaxEnvelopesPerRecordSlot = 4;

    private static readonly TimeSpan LingerStep = TimeSpan.FromMilliseconds(20);

    private readonly IWorkQueue _queue;
    private readonly SyncStage _stage;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncWorker> _logger;
    private long _processed;
    private long _backlogCountedAt = long.MinValue;
    private int _inFlight;

    /// <summary>Initializes a new instance of the <see cref="SyncWorker"/> class.</summary>
    /// <param name="queue">The work queue.</param>
    /// <param name="stage">The sync stage.</param>
    /// <param name="options">The pipeline options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public SyncWorker(IWorkQueue queue, SyncStage stage, IOptions<PipelineOptions> options, TimeProvider time, ILogger<SyncWorker> logger)
    {
        _queue = queue;
        _stage = stage;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets how many envelopes were handled and completed since start.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Gets how many envelopes are being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_queue is IReleasesAbandonedLeases releaser)
        {
            // A run killed mid-batch left its messages leased: take them back now rather than after the visibility timeout.
            await releaser.ReleaseAbandonedLeasesAsync(stoppingToken).ConfigureAwait(false);
        }

        // On the injected clock, so the shutdown timeout below runs in the host's time (and a test's fake time).
        using var work = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var registration = stoppingToken.Register(() =>
        {
            PipelineLog.Draining(_logger, InFlight);
            work.CancelAfter(_options.ShutdownTimeout);
        });
        var lanes = Enumerable.Range(0, _options.Lanes).Select(_ => RunLaneAsync(stoppingToken, work.Token)).ToArray();
        await Task.WhenAll(lanes).ConfigureAwait(false);
    }

    private async Task CountBacklogAsync(CancellationToken stoppingToken)
    {
        // The backlog gauge is refreshed at most every 15 s (one count call on Azure), and only when someone listens.
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _backlogCountedAt);
        if (!PipelineMetrics.BacklogObserved
            || (last != long.MinValue && _time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(15))
            || Interlocked.CompareExchange(ref _backlogCountedAt, now, last) != last)
        {
            return;
        }

        PipelineMetrics.RecordBacklog(await _queue.CountAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task RunLaneAsync(CancellationToken stoppingToken, CancellationToken workToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CountBacklogAsync(stoppingToken).ConfigureAwait(false);
                var batch = await _queue.ReceiveAsync(_options.BatchSize, _options.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    await Task.Delay(_options.IdleDelay, _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await HandleAsync(await GatherAsync(batch, stoppingToken).ConfigureAwait(false), workToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || workToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The host boundary: a failing store or a bug must not kill the lane; the batch is redelivered.
                PipelineLog.WorkerFailed(_logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Fills a batch across receives: receives again at once while receives come back full; when they do not, keeps
    /// receiving until nothing arrived for <see cref="PipelineOptions.CoalesceWindow"/> — at most
    /// <see cref="PipelineOptions.CoalesceMaxLinger"/> after the first receive — or one source entity holds
    /// <see cref="PipelineOptions.CoalesceMaxBatch"/> distinct records (changes of one record become one write), or the
    /// batch holds <see cref="MaxEnvelopesPerRecordSlot"/> envelopes per record slot (a bound on memory).
    /// </summary>
    private async Task<IReadOnlyList<QueuedEnvelope>> GatherAsync(IReadOnlyList<QueuedEnvelope> first, CancellationToken stoppingToken)
    {
        if (_options.CoalesceWindow <= TimeSpan.Zero)
        {
            return first;
        }

        var batch = new List<QueuedEnvelope>(first);
        var fill = new RecordFill();
        foreach (var message in first)
        {
            fill.Add(message.Envelope);
        }

        var most = _options.CoalesceMaxBatch * MaxEnvelopesPerRecordSlot;
        var start = _time.GetUtcNow();
        var bound = start + (_options.CoalesceMaxLinger > _options.CoalesceWindow ? _options.CoalesceMaxLinger : _options.CoalesceWindow);
        var deadline = start + _options.CoalesceWindow;
        var full = first.Count >= _options.BatchSize;
        while (fill.Largest < _options.CoalesceMaxBatch && batch.Count < most)
        {
            var left = deadline - _time.GetUtcNow();
            if (!full)
            {
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(left < LingerStep ? left : LingerStep, _time, stoppingToken).ConfigureAwait(false);
            }

            var wanted = Math.Min(_options.BatchSize, Math.Min(_options.CoalesceMaxBatch - fill.Largest, most - batch.Count));
            var more = await _queue.ReceiveAsync(wanted, _options.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
            batch.AddRange(more);
            foreach (var message in more)
            {
                fill.Add(message.Envelope);
            }

            full = more.Count >= wanted;
            if (more.Count > 0)
            {
                var now = _time.GetUtcNow();
                deadline = now + _options.CoalesceWindow < bound ? now + _options.CoalesceWindow : bound; // still arriving: wait one more window
            }

            if (_time.GetUtcNow() >= bound)
            {
                break;
            }
        }

        return batch;
    }

    private async Task HandleAsync(IReadOnlyList<QueuedEnvelope> batch, CancellationToken workToken)
    {
        Interlocked.Add(ref _inFlight, batch.Count);
        try
        {
            await _stage.HandleBatchAsync(batch.Select(m => (m.Envelope, m.DequeueCount)).ToList(), workToken).ConfigureAwait(false);
            foreach (var message in batch)
            {
                await _queue.CompleteAsync(message, CancellationToken.None).ConfigureAwait(false);
            }

            Interlocked.Add(ref _processed, batch.Count);
        }
        finally
        {
            Interlocked.Add(ref _inFlight, -batch.Count);
        }
    }
}
