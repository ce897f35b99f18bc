using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Tests.Fakes;

/// <summary>
/// Runs a <see cref="StageHarness"/> in virtual time: the envelopes the stage re-enqueues become due after their delay on
/// the harness clock; each step advances the clock to the earliest due envelope and hands every due one to the stage as
/// one batch. Stops when the queue is empty or the clock passes the end.
/// </summary>
internal sealed class VirtualTimeDriver
{
    private readonly StageHarness _h;
    private readonly PriorityQueue<ChangeEnvelope, DateTimeOffset> _due = new();
    private int _seen;

    public VirtualTimeDriver(StageHarness harness) => _h = harness;

    /// <summary>Gets how many batches were handed to the stage.</summary>
    public int Batches { get; private set; }

    public void Add(ChangeEnvelope envelope) => _due.Enqueue(envelope, _h.Time.GetUtcNow());

    public async Task RunAsync(TimeSpan until, int batchSize = 32)
    {
        var end = _h.Time.GetUtcNow() + until;
        while (_due.TryPeek(out _, out var next) && next <= end)
        {
            if (next > _h.Time.GetUtcNow())
            {
                _h.Time.SetUtcNow(next);
            }

            var batch = new List<(ChangeEnvelope, int)>();
            while (batch.Count < batchSize && _due.TryPeek(out var envelope, out var at) && at <= _h.Time.GetUtcNow())
            {
                batch.Add((_due.Dequeue(), 1));
            }

            await _h.Stage.HandleBatchAsync(batch, CancellationToken.None);
            Batches++;
            var enqueued = _h.Queue.Enqueued;
            foreach (var (envelope, delay) in enqueued.Skip(_seen))
            {
                _due.Enqueue(envelope, _h.Time.GetUtcNow() + delay);
            }

            _seen = enqueued.Count;
        }
    }
}
