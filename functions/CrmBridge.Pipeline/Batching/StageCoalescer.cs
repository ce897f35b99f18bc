using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Batching;

/// <summary>
/// Lets hosts that hand the stage one envelope per call (the Azure Functions queue trigger: one invocation per message,
/// many invocations at once) still deliver in batches. Envelopes wait per source system and entity — a proxy for their
/// target entity, since routes go from one source entity to one target entity — so each entity's share fills towards
/// <see cref="PipelineOptions.CoalesceMaxBatch"/> distinct records (several changes of one record become one write)
/// across receives instead of being split among waves: a full group goes
/// at once; a group that no envelope joined for <see cref="PipelineOptions.CoalesceWindow"/>, or that waited
/// <see cref="PipelineOptions.CoalesceMaxLinger"/>, becomes ready and goes with the next batch that gets a slot; a group
/// still growing keeps filling. A batch is one
/// <see cref="SyncStage.HandleBatchAsync"/> call over every group that is full or ready (so an order's account that is
/// ready goes in the same wave), and each caller gets the outcomes of its own envelope. At most
/// <see cref="PipelineOptions.Lanes"/> batches are handled at once; while they run, the waiting groups keep filling.
/// Envelopes of one record share a group, so they keep their arrival order. A failure of the batch (storage
/// unreachable) fails every caller in it, so every message in it is redelivered, as before.
/// </summary>
public sealed class StageCoalescer : IDisposable
{
    private readonly Func<IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)>, CancellationToken, Task<StageResult>> _handleBatch;
    private readonly TimeSpan _window;
    private readonly TimeSpan _maxLinger;
    private readonly int _maxBatch;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _slots;
    private readonly Dictionary<(string System, string Entity), CoalescedGroup> _groups = [];
    private readonly Queue<List<CoalescedItem>> _full = new();

    /// <summary>Initializes a new instance of the <see cref="StageCoalescer"/> class over the sync stage.</summary>
    /// <param name="stage">The sync stage.</param>
    /// <param name="options">The pipeline options (window and batch size).</param>
    /// <param name="time">The clock.</param>
    public StageCoalescer(SyncStage stage, IOptions<PipelineOptions> options, TimeProvider time)
        : this(stage.HandleBatchAsync, options.Value.CoalesceWindow, options.Value.CoalesceMaxBatch, time, options.Value.Lanes, options.Value.CoalesceMaxLinger)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StageCoalescer"/> class over any batch handler (tests).</summary>
    /// <param name="handleBatch">Handles a batch.</param>
    /// <param name="window">How long an entity's group waits for its next envelope before it is ready.</param>
    /// <param name="maxBatch">The most distinct records of one entity per batch (a full group goes at once).</param>
    /// <param name="time">The clock.</param>
    /// <param name="concurrency">The most batches handled at once.</param>
    /// <param name="maxLinger">The longest a group that keeps growing waits (null: <paramref name="window"/>, i.e. ready a window after its first envelope).</param>
    public StageCoalescer(
        Func<IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)>, CancellationToken, Task<StageResult>> handleBatch,
        TimeSpan window,
        int maxBatch,
        TimeProvider time,
        int concurrency = 2,
        TimeSpan? maxLinger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _slots = new SemaphoreSlim(concurrency);
        _handleBatch = handleBatch;
        _window = window;
        _maxLinger = maxLinger is { } linger && linger > window ? linger : window;
        _maxBatch = maxBatch;
        _time = time;
    }

    /// <summary>Gets how many groups finished their linger and wait for a slot (tests observe readiness instead of sleeping).</summary>
    internal int ReadyGroups
    {
        get
        {
            lock (_gate)
            {
                return _groups.Values.Count(g => g.Ready);
            }
        }
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
        if (_window <= TimeSpan.Zero)
        {
            _ = FlushAsync([item]); // coalescing is off: every invocation is its own batch
            return await item.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var key = (envelope.System.ToUpperInvariant(), envelope.Entity.ToUpperInvariant());
        var full = false;
        CoalescedGroup? started = null;
        lock (_gate)
        {
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new CoalescedGroup { Started = _time.GetTimestamp() };
                _groups[key] = group;
                started = group;
            }

            group.Items.Add(item);
            group.LastArrival = _time.GetTimestamp();
            if (group.Records.Add(envelope) >= _maxBatch)
            {
                _groups.Remove(key);
                _full.Enqueue(group.Items); // waits for a slot: each full group has its flush, whichever flush runs first takes it
                full = true;
                started = null;
            }
        }

        if (full)
        {
            _ = FlushAsync();
        }
        else if (started is not null)
        {
            _ = FlushAfterWindowAsync(started);
        }

        return await item.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the group ready once no envelope joined it for a window, or it waited <see cref="PipelineOptions.CoalesceMaxLinger"/>
    /// (so a steady stream still goes), then flushes.
    /// </summary>
    private async Task FlushAfterWindowAsync(CoalescedGroup group)
    {
        var wait = _window;
        while (true)
        {
            await Task.Delay(wait, _time).ConfigureAwait(false);
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                var quiet = _window - _time.GetElapsedTime(group.LastArrival, now);
                var bound = _maxLinger - _time.GetElapsedTime(group.Started, now);
                wait = quiet < bound ? quiet : bound;
                if (wait <= TimeSpan.Zero)
                {
                    group.Ready = true; // if it filled up and went already, nobody sees this any more
                    break;
                }
            }
        }

        await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Waits for a slot, then handles <paramref name="own"/>, or else the oldest full group with every ready group.</summary>
    private async Task FlushAsync(List<CoalescedItem>? own = null)
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        var batch = own ?? TakeFullAndReady();
        if (batch.Count == 0)
        {
            _slots.Release(); // what this flush was for went with another batch
            return;
        }

        await HandleInSlotAsync(batch).ConfigureAwait(false);
    }

    private List<CoalescedItem> TakeFullAndReady()
    {
        lock (_gate)
        {
            var batch = _full.TryDequeue(out var full) ? full : [];
            foreach (var (key, group) in _groups.Where(g => g.Value.Ready).ToList())
            {
                _groups.Remove(key);
                batch.AddRange(group.Items);
            }

            return batch;
        }
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
