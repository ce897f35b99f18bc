using CrmBridge.Mappings.Abstractions;
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
public sealed partial class SyncStage
{
    private readonly ConnectorRegistry _connectors;
    private readonly IRecordMapper _mapper;
    private readonly ISyncStateStore _state;
    private readonly IWorkQueue _queue;
    private readonly PipelineOptions _options;
    private readonly RetryPolicy _retry;
    private readonly CrossReferenceCache _xrefCache;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncStage> _logger;
    private readonly RecordLocks _locks = new();
    private readonly ILookup<(string System, string Entity), SyncRoute> _routesBySource;

    /// <summary>Initializes a new instance of the <see cref="SyncStage"/> class.</summary>
    /// <param name="connectors">The connectors.</param>
    /// <param name="mapper">The mapping engine.</param>
    /// <param name="state">The state store.</param>
    /// <param name="queue">The work queue (retries and deferrals are re-enqueued here).</param>
    /// <param name="options">The pipeline options.</param>
    /// <param name="xrefCache">The shared cross-reference cache.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public SyncStage(
        ConnectorRegistry connectors,
        IRecordMapper mapper,
        ISyncStateStore state,
        IWorkQueue queue,
        IOptions<PipelineOptions> options,
        CrossReferenceCache xrefCache,
        TimeProvider time,
        ILogger<SyncStage> logger)
    {
        _connectors = connectors;
        _mapper = mapper;
        _state = state;
        _queue = queue;
        _options = options.Value;
        _retry = new RetryPolicy(_options);
        _xrefCache = xrefCache;
        _time = time;
        _logger = logger;
        _routesBySource = mapper.Routes.ToLookup(r => (r.SourceSystem.ToUpperInvariant(), r.SourceEntity.ToUpperInvariant()));
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
        foreach (var wave in Waves(items))
        {
            using var held = await _locks.AcquireAsync(wave.Select(i => i.Envelope), cancellationToken).ConfigureAwait(false);
            var works = wave.Select(i => new EnvelopeWork(i.Envelope, i.DequeueCount)).ToList();
            await Parallel.ForEachAsync(
                works,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                async (work, ct) => await PrepareAsync(work, ct).ConfigureAwait(false)).ConfigureAwait(false);

            await DeliverAsync(works.SelectMany(w => w.Routes).Where(r => r.AwaitsDelivery).ToList(), cancellationToken).ConfigureAwait(false);

            foreach (var work in works)
            {
                outcomes.AddRange(await SettleAsync(work, cancellationToken).ConfigureAwait(false));
            }
        }

        if (outcomes.Count > 0)
        {
            await _state.RecordOutcomesAsync(outcomes, cancellationToken).ConfigureAwait(false);
        }

        return new StageResult(outcomes);
    }

    private static IEnumerable<List<(ChangeEnvelope Envelope, int DequeueCount)>> Waves(IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)> items)
    {
        var remaining = items.ToList();
        while (remaining.Count > 0)
        {
            var seen = new HashSet<(string, string, string, string?)>();
            var wave = new List<(ChangeEnvelope, int)>();
            var later = new List<(ChangeEnvelope, int)>();
            foreach (var item in remaining)
            {
                var key = (item.Envelope.System.ToUpperInvariant(), item.Envelope.Entity.ToUpperInvariant(), item.Envelope.RecordId, item.Envelope.Route);
                (seen.Add(key) ? wave : later).Add(item);
            }

            yield return wave;
            remaining = later;
        }
    }

    private IReadOnlyList<SyncRoute> RoutesFor(ChangeEnvelope envelope) =>
        _routesBySource[(envelope.System.ToUpperInvariant(), envelope.Entity.ToUpperInvariant())]
            .Where(r => envelope.Route is null || string.Equals(r.Name, envelope.Route, StringComparison.Ordinal))
            .ToList();
}
