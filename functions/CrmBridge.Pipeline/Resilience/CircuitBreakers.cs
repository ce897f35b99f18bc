using System.Collections.Concurrent;
using System.Text.Json;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmBridge.Pipeline.Telemetry;

namespace CrmBridge.Pipeline.Resilience;

/// <summary>
/// One circuit per target system, so an ERP that is down costs waiting, not attempts and dead letters: while a circuit is
/// open the stage re-enqueues deliveries to that system for when it half-opens, without spending their attempts, and one
/// probe decides whether the backlog may drain. Our own breaker rather than Polly's: the decision is taken per envelope
/// before a batch is built (a refused envelope is re-enqueued, not failed), and every transition is written to the state
/// store so <c>crmbridge status</c> and the health endpoint of another process can show it.
/// </summary>
public sealed class CircuitBreakers
{
    /// <summary>The checkpoint "system" under which circuit states are stored (entity = target system).</summary>
    public const string CheckpointSystem = "#circuit";

    private readonly ConcurrentDictionary<string, TargetCircuit> _circuits = new(StringComparer.OrdinalIgnoreCase);
    private readonly PipelineOptions _options;
    private readonly ICheckpointStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<CircuitBreakers> _logger;

    /// <summary>Initializes a new instance of the <see cref="CircuitBreakers"/> class.</summary>
    /// <param name="options">The pipeline options (thresholds and durations).</param>
    /// <param name="store">Where transitions are recorded for status.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public CircuitBreakers(IOptions<PipelineOptions> options, ICheckpointStore store, TimeProvider time, ILogger<CircuitBreakers> logger)
    {
        _options = options.Value;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Decides whether a delivery to <paramref name="system"/> may go now.</summary>
    /// <param name="system">The target system.</param>
    /// <param name="cancellationToken">Cancels recording a transition.</param>
    /// <returns>The decision.</returns>
    public async Task<CircuitDecision> EnterAsync(string system, CancellationToken cancellationToken)
    {
        var decision = Circuit(system).Enter(_time.GetUtcNow(), out var changed);
        if (changed is not null)
        {
            await RecordAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    /// <summary>Records the outcome of a delivery call to <paramref name="system"/>.</summary>
    /// <param name="system">The target system.</param>
    /// <param name="succeeded">Whether the call reached the system and it answered (even with per-record errors).</param>
    /// <param name="error">The failure, when the call failed.</param>
    /// <param name="cancellationToken">Cancels recording a transition.</param>
    /// <returns>A task that completes when a transition is recorded.</returns>
    /// <returns>The circuit after the report (open: the failure opened it again, and the next probe waits until <see cref="CircuitSnapshot.OpenUntil"/>).</returns>
    public async Task<CircuitSnapshot> ReportAsync(string system, bool succeeded, ConnectorException? error, CancellationToken cancellationToken)
    {
        var circuit = Circuit(system);
        var changed = circuit.Report(succeeded, error, _time.GetUtcNow());
        if (changed is not null)
        {
            await RecordAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        return changed ?? circuit.Snapshot();
    }

    /// <summary>Gets the circuits this process knows, for health reports.</summary>
    /// <returns>The snapshots.</returns>
    public IReadOnlyList<CircuitSnapshot> Snapshots() => _circuits.Values.Select(c => c.Snapshot()).ToList();

    /// <summary>Reads the recorded circuit states from the state store (what any host last recorded).</summary>
    /// <param name="checkpoints">The recorded checkpoints.</param>
    /// <returns>The snapshots.</returns>
    public static IReadOnlyList<CircuitSnapshot> FromCheckpoints(IEnumerable<(string System, string Entity, Checkpoint Checkpoint)> checkpoints) =>
        checkpoints
            .Where(c => c.System == CheckpointSystem)
            .Select(c => TryRead(c.Checkpoint.Value))
            .OfType<CircuitSnapshot>()
            .ToList();

    private TargetCircuit Circuit(string system) =>
        _circuits.GetOrAdd(system, s => new TargetCircuit(s, _options, _time.GetUtcNow()));

    private async Task RecordAsync(CircuitSnapshot snapshot, CancellationToken cancellationToken)
    {
        PipelineLog.CircuitChanged(_logger, snapshot.System, snapshot.State.ToString(), snapshot.OpenUntil, snapshot.LastError);
        PipelineMetrics.RecordCircuit(snapshot.System, snapshot.State);
        try
        {
            // Checkpoints are optimistic: read the current ETag, write over it; a concurrent writer (another host) wins.
            var json = JsonSerializer.Serialize(snapshot);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var current = await _store.GetCheckpointAsync(CheckpointSystem, snapshot.System, cancellationToken).ConfigureAwait(false);
                if (await _store.SaveCheckpointAsync(CheckpointSystem, snapshot.System, json, current?.ETag, cancellationToken).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only status reads it: a store hiccup must not fail the delivery decision.
            PipelineLog.CircuitNotRecorded(_logger, snapshot.System, ex);
        }
    }

    private static CircuitSnapshot? TryRead(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CircuitSnapshot>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
