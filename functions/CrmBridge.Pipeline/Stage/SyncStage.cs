using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// The sync stage: for each envelope, take the snapshot or fetch the source record, apply every matching route's mapping,
/// skip what the ledger already has (duplicates, older versions, the bridge's own echoes), resolve dependencies (customer
/// before order), deliver by upsert (batched per target entity), and record cross-reference, ledger and echo. Failures are
/// handled here, never thrown: transient ones are re-enqueued with backoff, permanent ones dead-lettered with the reason.
/// The caller completes the received message afterwards.
/// </summary>
/// <remarks>
/// A thin orchestrator over four collaborators that hand immutable values on: <see cref="EnvelopePreparer"/> (routes,
/// echo, source read, mapping) → <see cref="DependencyResolver"/> (referenced records first) → <see cref="IDeliverer"/>
/// (batched upserts, recorded) → <see cref="OutcomeSettler"/> (retry, defer or dead-letter).
/// </remarks>
public sealed class SyncStage
{
    private readonly EnvelopePreparer _preparer;
    private readonly DependencyResolver _dependencies;
    private readonly IDeliverer _deliverer;
    private readonly OutcomeSettler _settler;
    private readonly ISyncLog _log;
    private readonly PipelineOptions _options;
    private readonly RecordLocks _locks = new();

    /// <summary>Initializes a new instance of the <see cref="SyncStage"/> class.</summary>
    /// <param name="connectors">The connectors.</param>
    /// <param name="mapper">The mapping engine.</param>
    /// <param name="state">The state store.</param>
    /// <param name="queue">The work queue (retries and deferrals are re-enqueued here).</param>
    /// <param name="deadLetters">The dead-letter service (failures given up on are recorded there).</param>
    /// <param name="options">The pipeline options.</param>
    /// <param name="xrefCache">The shared cross-reference cache.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public SyncStage(
        ConnectorRegistry connectors,
        IRecordMapper mapper,
        ISyncStateStore state,
        IWorkQueue queue,
        DeadLetterService deadLetters,
        IOptions<PipelineOptions> options,
        CrossReferenceCache xrefCache,
        TimeProvider time,
        ILogger<SyncStage> logger)
        : this(Compose(connectors, mapper, state, queue, deadLetters, options.Value, xrefCache, time, logger), state, options.Value)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SyncStage"/> class from its collaborators.</summary>
    /// <param name="parts">The collaborators (a deliverer may wrap another, e.g. to coalesce or break circuits).</param>
    /// <param name="log">The sync log every outcome is written to.</param>
    /// <param name="options">The pipeline options.</param>
    internal SyncStage(StageParts parts, ISyncLog log, PipelineOptions options)
    {
        (_preparer, _dependencies, _deliverer, _settler) = parts;
        _log = log;
        _options = options;
    }

    /// <summary>Handles one envelope (the Azure Functions queue trigger path).</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="dequeueCount">How often the message was received.</param>
    /// <param name="cancellationToken">Cancels the work; the message is then redelivered.</param>
    /// <returns>The outcomes.</returns>
    public Task<StageResult> HandleAsync(ChangeEnvelope envelope, int dequeueCount, CancellationToken cancellationToken) =>
        HandleBatchAsync([(envelope, dequeueCount)], cancellationToken);

    /// <summary>
    /// Handles a batch of envelopes. Envelopes for the same record are processed in arrival order (in waves), the rest
    /// concurrently; deliveries to the same target entity share batch calls.
    /// </summary>
    /// <param name="items">The envelopes with their dequeue counts.</param>
    /// <param name="cancellationToken">Cancels the work; unfinished messages are then redelivered.</param>
    /// <returns>The outcomes.</returns>
    public async Task<StageResult> HandleBatchAsync(IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)> items, CancellationToken cancellationToken)
    {
        var outcomes = new List<SyncOutcome>();
        foreach (var wave in StageWaves.Of(items))
        {
            using var held = await _locks.AcquireAsync(wave.Select(i => i.Envelope), cancellationToken).ConfigureAwait(false);
            var prepared = new PreparedEnvelope[wave.Count];
            await Parallel.ForAsync(
                0,
                wave.Count,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var envelope = await _preparer.PrepareAsync(wave[i].Envelope, wave[i].DequeueCount, 0, ct).ConfigureAwait(false);
                    prepared[i] = await _dependencies.ResolveAsync(envelope, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);

            var delivered = await _deliverer.DeliverAsync(prepared.SelectMany(p => p.PendingDeliveries).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var envelope in prepared)
            {
                outcomes.AddRange(await _settler.SettleAsync(envelope.WithDeliveries(delivered), cancellationToken).ConfigureAwait(false));
            }
        }

        if (outcomes.Count > 0)
        {
            await _log.RecordOutcomesAsync(outcomes, cancellationToken).ConfigureAwait(false);
        }

        return new StageResult(outcomes);
    }

    private static StageParts Compose(
        ConnectorRegistry connectors,
        IRecordMapper mapper,
        ISyncStateStore state,
        IWorkQueue queue,
        DeadLetterService deadLetters,
        PipelineOptions options,
        CrossReferenceCache xrefCache,
        TimeProvider time,
        ILogger logger)
    {
        var preparer = new EnvelopePreparer(connectors, mapper, state, xrefCache, options, logger);
        var deliverer = new BatchDeliverer(connectors, new DeliveryRecorder(state, xrefCache, time, logger), options);
        var settler = new OutcomeSettler(queue, deadLetters, new RetryPolicy(options), options, time, logger);
        return new StageParts(preparer, new DependencyResolver(preparer, deliverer, settler, time, logger), deliverer, settler);
    }
}
