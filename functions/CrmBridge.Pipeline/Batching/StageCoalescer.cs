using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Batching;

/// <summary>
/// Lets hosts that hand the stage one envelope per call (the Azure Functions queue trigger: one invocation per message,
/// many invocations at once) still deliver in batches: envelopes arriving within <see cref="PipelineOptions.CoalesceWindow"/>
/// of the first are handled together by one <see cref="SyncStage.HandleBatchAsync"/> call — at most
/// <see cref="PipelineOptions.CoalesceMaxBatch"/> of them — and each caller gets the outcomes of its own envelope. So N
/// concurrent envelopes for one target cost about ⌈N/batch⌉ write calls instead of N. At most
/// <see cref="PipelineOptions.Lanes"/> batches are handled at once: while they run, the next batch keeps filling (up to
/// its maximum) instead of leaving after the window, so a busy host delivers full batches. A failure of the batch
/// (storage unreachable) fails every caller in it, so every message in it is redelivered, as before.
/// </summary>
public sealed class StageCoalescer : IDisposable
{
    private readonly Func<IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)>, CancellationToken, Task<StageResult>> _handleBatch;
    private readonly TimeSpan _window;
    private readonly int _maxBatch;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _slots;
    private List<CoalescedItem> _pending = [];

    /// <summary>Initializes a new instance of the <see cref="StageCoalescer"/> class over the sync stage.</summary>
    /// <param name="stage">The sync stage.</param>
    /// <param name="options">The pipeline options (window and batch size).</param>
    /// <param name="time">The clock.</param>
    public StageCoalescer(SyncStage stage, IOptions<PipelineOptions> options, TimeProvider time)
        : this(stage.HandleBatchAsync, options.Value.CoalesceWindow, options.Value.CoalesceMaxBatch, time, options.Value.Lanes)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StageCoalescer"/> class over any batch handler (tests).</summary>
    /// <param name="handleBatch">Handles a batch.</param>
    /// <param name="window">How long the first envelope of a batch waits for company.</param>
    /// <param name="maxBatch">The most envelopes per batch (a full batch goes at once).</param>
    /// <param name="time">The clock.</param>
    /// <param name="concurrency">The most batches handled at once.</param>
    public StageCoalescer(
        Func<IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)>, CancellationToken, Task<StageResult>> handleBatch,
        TimeSpan window,
        int maxBatch,
        TimeProvider time,
        int concurrency = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _slots = new SemaphoreSlim(concurrency);
        _handleBatch = handleBatch;
        _window = window;
        _maxBatch = maxBatch;
        _time = time;
    }

    /// <summary>Handles one envelope together with those of concurrent callers.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="dequeueCount">How often its message was received.</param>
    /// <param name="cancellationToken">Cancels the wait and the batch this envelope is in (host shutdown cancels every caller alike).</param>
    /// <returns>The outcomes of this envelope.</returns>
    public async Task<StageResult> HandleAsync(ChangeEnvelope envelope, int dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var item = new CoalescedItem(envelope, dequeueCount, cancellationToken);
        List<CoalescedItem>? full = null;
        List<CoalescedItem>? started = null;
        lock (_gate)
        {
            _pending.Add(item);
            if (_pending.Count >= _maxBatch || _window <= TimeSpan.Zero)
            {
                full = _pending;
                _pending = [];
            }
            else if (_pending.Count == 1)
            {
                started = _pending;
            }
        }

        if (full is not null)
        {
            _ = FlushAsync(full);
        }
        else if (started is not null)
        {
            _ = FlushAfterWindowAsync(started);
        }

        return await item.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FlushAfterWindowAsync(List<CoalescedItem> batch)
    {
        await Task.Delay(_window, _time).ConfigureAwait(false);
        await _slots.WaitAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (!ReferenceEquals(_pending, batch))
            {
                _slots.Release();
                return; // it filled up and went already
            }

            _pending = [];
        }

        await HandleInSlotAsync(batch).ConfigureAwait(false);
    }

    private async Task FlushAsync(List<CoalescedItem> batch)
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        await HandleInSlotAsync(batch).ConfigureAwait(false);
    }

    private async Task HandleInSlotAsync(List<CoalescedItem> batch)
    {
        try
        {
            await HandleAsync(batch).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task HandleAsync(List<CoalescedItem> batch)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(batch.Select(i => i.CancellationToken).ToArray());
        try
        {
            var result = await _handleBatch(batch.Select(i => (i.Envelope, i.DequeueCount)).ToList(), cancel.Token).ConfigureAwait(false);
            foreach (var item in batch)
            {
                var source = item.Envelope.Source;
                item.Completion.TrySetResult(new StageResult(result.Outcomes
                    .Where(o => o.RecordId == source.Id
                        && string.Equals(o.System, source.System, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(o.Entity, source.Entity, StringComparison.OrdinalIgnoreCase))
                    .ToList()));
            }
        }
        catch (Exception ex)
        {
            foreach (var item in batch)
            {
                item.Completion.TrySetException(ex);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
