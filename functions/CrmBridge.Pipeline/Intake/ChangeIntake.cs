using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Intake;

/// <summary>Turns detected changes (webhook calls, poll pages, backfills) into envelopes on the work queue.</summary>
public sealed class ChangeIntake
{
    /// <summary>The most envelopes enqueued in one store transaction (where the queue supports it, <see cref="IEnqueuesMany"/>).</summary>
    public const int EnqueueChunk = 200;

    private readonly IWorkQueue _queue;
    private readonly TimeProvider _time;
    private readonly ConnectionHealthRegistry? _health;

    /// <summary>Initializes a new instance of the <see cref="ChangeIntake"/> class.</summary>
    /// <param name="queue">The work queue.</param>
    /// <param name="time">The clock.</param>
    /// <param name="health">Told when a system pushed changes (a webhook), for the "push path silent" check; optional.</param>
    public ChangeIntake(IWorkQueue queue, TimeProvider time, ConnectionHealthRegistry? health = null)
    {
        _health = health;
        _queue = queue;
        _time = time;
    }

    /// <summary>Enqueues one envelope per change. Returns only after every envelope is durably enqueued.</summary>
    /// <param name="system">The source system.</param>
    /// <param name="entity">The source entity.</param>
    /// <param name="changes">The changes (with snapshots when the detector had them).</param>
    /// <param name="origin">Where they came from (<see cref="EnvelopeOrigins.Webhook"/> or <see cref="EnvelopeOrigins.Poll"/>).</param>
    /// <param name="correlationId">The correlation id to carry, or <see langword="null"/> for a new one per envelope.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many envelopes were enqueued.</returns>
    public async Task<int> EnqueueAsync(
        string system,
        string entity,
        IReadOnlyList<RecordChange> changes,
        string origin,
        string? correlationId,
        CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (origin == EnvelopeOrigins.Webhook && changes.Count > 0)
        {
            _health?.For(system).NotificationReceived();
        }

        if (_queue is IEnqueuesMany many && changes.Count > 1)
        {
            for (var start = 0; start < changes.Count; start += EnqueueChunk)
            {
                var chunk = new ChangeEnvelope[Math.Min(EnqueueChunk, changes.Count - start)];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = Create(system, entity, changes[start + i], origin, correlationId, now);
                }

                await many.EnqueueManyAsync(chunk, cancellationToken).ConfigureAwait(false);
            }

            return changes.Count;
        }

        foreach (var change in changes)
        {
            var envelope = Create(system, entity, change, origin, correlationId, now);
            await _queue.EnqueueAsync(envelope, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        return changes.Count;
    }

    /// <summary>Creates an envelope for a change.</summary>
    /// <param name="system">The source system.</param>
    /// <param name="entity">The source entity.</param>
    /// <param name="change">The change.</param>
    /// <param name="origin">The origin.</param>
    /// <param name="correlationId">The correlation id, or <see langword="null"/> for a new one.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The envelope.</returns>
    public static ChangeEnvelope Create(string system, string entity, RecordChange change, string origin, string? correlationId, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = system,
        Entity = entity,
        RecordId = change.Id,
        Operation = change.Operation,
        SourceVersion = change.Version,
        Snapshot = change.Snapshot,
        CorrelationId = correlationId ?? Guid.NewGuid().ToString("N"),
        FirstSeen = now,
        Origin = origin,
    };
}
