using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Tests.Fakes;

/// <summary>A test double of the work queue that records what was enqueued and with which delay.</summary>
internal sealed class InMemoryWorkQueue : IWorkQueue
{
    private readonly object _gate = new();
    private readonly List<(ChangeEnvelope Envelope, TimeSpan Delay)> _enqueued = [];
    private readonly Queue<ChangeEnvelope> _visible = new();

    public IReadOnlyList<(ChangeEnvelope Envelope, TimeSpan Delay)> Enqueued
    {
        get
        {
            lock (_gate)
            {
                return _enqueued.ToList();
            }
        }
    }

    public Task EnqueueAsync(ChangeEnvelope envelope, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _enqueued.Add((envelope, delay));
            _visible.Enqueue(envelope);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueuedEnvelope>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var batch = new List<QueuedEnvelope>();
            while (batch.Count < maxMessages && _visible.Count > 0)
            {
                batch.Add(new QueuedEnvelope(_visible.Dequeue(), Guid.NewGuid().ToString(), "r", 1));
            }

            return Task.FromResult<IReadOnlyList<QueuedEnvelope>>(batch);
        }
    }

    public Task CompleteAsync(QueuedEnvelope message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_visible.Count);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _enqueued.Clear();
            _visible.Clear();
        }
    }
}
