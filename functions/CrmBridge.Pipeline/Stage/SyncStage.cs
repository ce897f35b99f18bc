using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.StatusWriteback;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmBridge.Pipeline.Telemetry;

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
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(5);

    private readonly EnvelopePreparer _preparer;
    private readonly DependencyResolver _dependencies;
    private readonly IDeliverer _deliverer;
    private readonly OutcomeSettler _settler;
    private readonly ISyncLog _log;
    private readonly PipelineOptions _options;
    private readonly RecordLocks _locks = new();
    private readonly RecordLeaser _leases;
    private readonly SyncStatusWriter? _statusWriter;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="SyncStage"/> class.</summary>
    /// <param name="connectors">The connectors.</param>
    /// <param name="mapper">The mapping engine.</param>
    /// <param name="state">The state store.</param>
    /// <param name="queue">The work queue (retries and deferrals are re-enqueued here).</param>
    /// <param name="deadLetters">The dead-letter service (failures given up on are recorded there).</param>
    /// <param name="options">The pipeline options.</param>
    /// <param name="xrefCache">The shared cross-reference cache.</param>
    /// <param name="breakers">The circuit breakers per target system.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="syncStatus">Queues outcomes for the source records' status fields (routes with <c>syncStatus:</c>).</param>
    public SyncStage(
        ConnectorRegistry connectors,
        IRecordMapper mapper,
        ISyncStateStore state,
        IWorkQueue queue,
        DeadLetterService deadLetters,
        IOptions<PipelineOptions> options,
        CrossReferenceCache xrefCache,
        CircuitBreakers breakers,
        TimeProvider time,
        ILogger<SyncStage> logger,
        SyncStatusPublisher? syncStatus = null)
        : this(Compose(connectors, mapper, state, queue, deadLetters, options.Value, xrefCache, breakers, time, logger, syncStatus), state, options.Value, time)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SyncStage"/> class from its collaborators.</summary>
    /// <param name="parts">The collaborators (a deliverer may wrap another, e.g. to coalesce or break circuits).</param>
    /// <param name="state">The state store (sync log and record leases).</param>
    /// <param name="options">The pipeline options.</param>
    /// <param name="time">The clock.</param>
    internal SyncStage(StageParts parts, ISyncStateStore state, PipelineOptions options, TimeProvider time)
    {
        (_preparer, _dependencies, _deliverer, _settler) = parts;
        _log = state;
        _leases = parts.Leaser;
        _statusWriter = parts.StatusWriter;
        _options = options;
        _time = time;
    }

    /// <summary>Handles one envelope (the Azure Functions queue trigger path).</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="dequeueCount">How often the message was received.</param>
    /// <param name="cancellationToken">Cancels the work; the message is then redelivered.</param>
    /// <returns>The outcomes.</returns>
    public Task<StageResult> HandleAsync(ChangeEnvelope envelope, int dequeueCount, CancellationToken cancellationToken) =>
        HandleBatchAsync([(envelope, dequeueCount)], cancellationToken);

    /// <summary>
    /// Handles a batch of envelopes. Several changes of one record become one write (<see cref="SameRecordChanges"/>);
    /// envelopes for the same record that remain are processed in arrival order (in waves), the rest concurrently;
    /// deliveries to the same target entity share batch calls.
    /// </summary>
    /// <param name="items">The envelopes with their dequeue counts.</param>
    /// <param name="cancellationToken">Cancels the work; unfinished messages are then redelivered.</param>
    /// <returns>The outcomes.</returns>
    public async Task<StageResult> HandleBatchAsync(IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)> items, CancellationToken cancellationToken)
    {
        var outcomes = new List<SyncOutcome>();

        // Sync outcomes queued for the source records' status fields are writes of their own, never changes to sync.
        var statuses = items.Where(i => i.Envelope.Status is not null).Select(i => i.Envelope).ToList();
        if (statuses.Count > 0)
        {
            outcomes.AddRange(_statusWriter is null
                ? statuses.Select(e => SyncOutcome.For(e, "status:" + e.Route, SyncOutcomeKind.Skipped, _time.GetUtcNow()))
                : await _statusWriter.WriteAsync(statuses, cancellationToken).ConfigureAwait(false));
            items = items.Where(i => i.Envelope.Status is null).ToList();
        }

        foreach (var wave in StageWaves.Of(SameRecordChanges.Coalesce(items)))
        {
            using var held = await _locks.AcquireAsync(wave.Select(i => i.Envelope), cancellationToken).ConfigureAwait(false);
            var leased = await AcquireLeasesAsync(wave, cancellationToken).ConfigureAwait(false);
            try
            {
                outcomes.AddRange(await HandleWaveAsync(wave, leased, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                await _leases.ReleaseAsync(leased.ToList()).ConfigureAwait(false);
            }
        }

        if (outcomes.Count > 0)
        {
            await _log.RecordOutcomesAsync(outcomes, cancellationToken).ConfigureAwait(false);
            PipelineMetrics.RecordOutcomes(outcomes, items.Select(i => i.Envelope));
        }

        return new StageResult(outcomes);
    }

    private async Task<List<SyncOutcome>> HandleWaveAsync(List<(ChangeEnvelope Envelope, int DequeueCount)> wave, IReadOnlySet<Connectors.RecordRef> leased, CancellationToken cancellationToken)
    {
        var prepared = new PreparedEnvelope[wave.Count];
        await Parallel.ForAsync(
            0,
            wave.Count,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (envelope, dequeueCount) = wave[i];
                if (!leased.Contains(envelope.Source))
                {
                    // Another host works on this record right now: come back when it is likely done, spending no attempt.
                    prepared[i] = new PreparedEnvelope(envelope, 0) { Failure = StageFailure.Wait(DeadLetterCodes.RecordBusy, $"Another host is syncing {envelope.Source}.", _time.GetUtcNow() + BusyWait) };
                    return;
                }

                prepared[i] = await _preparer.PrepareAsync(envelope, dequeueCount, 0, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

        // Two delivery rounds: first what is ready and no waiting route delivers to the same target entity (the accounts
        // of this wave), then — after the missing references of the whole wave were synced in bulk — the rest, so each
        // target entity still gets one batch per round and referenced records always go first.
        var waitingTargets = prepared.SelectMany(p => p.Routes).Where(r => r.Awaiting is not null).Select(r => TargetOf(r.Route)).ToHashSet();
        var first = prepared.SelectMany(p => p.PendingDeliveries).Where(d => !waitingTargets.Contains(TargetOf(d.Route))).ToList();
        if (first.Count > 0)
        {
            var delivered = PreparedEnvelope.Index(await _deliverer.DeliverAsync(first, cancellationToken).ConfigureAwait(false));
            prepared = prepared.Select(p => p.WithDeliveries(delivered)).ToArray();
        }

        var resolved = await _dependencies.ResolveManyAsync(prepared, cancellationToken).ConfigureAwait(false);
        var second = resolved.SelectMany(p => p.PendingDeliveries).ToList();
        var rest = PreparedEnvelope.Index(second.Count > 0 ? await _deliverer.DeliverAsync(second, cancellationToken).ConfigureAwait(false) : []);
        var outcomes = new List<SyncOutcome>();
        foreach (var envelope in resolved)
        {
            outcomes.AddRange(await _settler.SettleAsync(envelope.WithDeliveries(rest), cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    private static (string System, string Entity) TargetOf(Mappings.Abstractions.SyncRoute route) =>
        (route.TargetSystem.ToUpperInvariant(), route.TargetEntity.ToUpperInvariant());

    private Task<IReadOnlySet<Connectors.RecordRef>> AcquireLeasesAsync(List<(ChangeEnvelope Envelope, int DequeueCount)> wave, CancellationToken cancellationToken) =>
        _leases.AcquireAsync(wave.Select(i => i.Envelope.Source).Distinct().ToList(), cancellationToken);

    private static StageParts Compose(
        ConnectorRegistry connectors,
        IRecordMapper mapper,
        ISyncStateStore state,
        IWorkQueue queue,
        DeadLetterService deadLetters,
        PipelineOptions options,
        CrossReferenceCache xrefCache,
        CircuitBreakers breakers,
        TimeProvider time,
        ILogger logger,
        SyncStatusPublisher? syncStatus)
    {
        var preparer = new EnvelopePreparer(connectors, mapper, state, xrefCache, options, logger, time);
        IDeliverer deliverer = new BatchDeliverer(connectors, new DeliveryRecorder(state, xrefCache, time, logger), options);
        deliverer = new ResolvingDeliverer(new CircuitDeliverer(deliverer, breakers), state, logger);
        var chains = new RetryChains();
        var leaser = new RecordLeaser(state, options);
        var retry = new RetryPolicy(options);
        var settler = new OutcomeSettler(queue, deadLetters, retry, options, time, logger, chains, syncStatus);
        var statusWriter = new SyncStatusWriter(mapper.Routes, connectors, state, queue, retry, options, time, logger);
        return new StageParts(preparer, new DependencyResolver(preparer, deliverer, settler, time, logger, chains, leaser), deliverer, settler) { Leaser = leaser, StatusWriter = statusWriter };
    }
}
