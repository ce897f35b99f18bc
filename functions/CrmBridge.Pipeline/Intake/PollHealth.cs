using System.Collections.Concurrent;
using System.Text.Json;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Intake;

/// <summary>
/// Records every poll's outcome per target (a checkpoint-like row under <see cref="CheckpointSystem"/>, as
/// <see cref="Resilience.CircuitBreakers"/> records circuits) so <c>status</c> shows the last poll, consecutive failures
/// and the last error on both hosts; and logs a failing target once per kind of error with a count, not on every poll.
/// </summary>
public sealed class PollHealth
{
    /// <summary>The system name under which poll outcomes are stored (never a real system's name).</summary>
    public const string CheckpointSystem = "#poll";

    private readonly ConcurrentDictionary<string, PollTargetStatus> _current = new(StringComparer.OrdinalIgnoreCase);
    private readonly ICheckpointStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<PollHealth> _logger;

    /// <summary>Initializes a new instance of the <see cref="PollHealth"/> class.</summary>
    /// <param name="store">Where outcomes are recorded.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public PollHealth(ICheckpointStore store, TimeProvider time, ILogger<PollHealth> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Records a successful poll (and logs the recovery of a failing target).</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded status.</returns>
    public Task<PollTargetStatus> SucceededAsync(string system, string entity, CancellationToken cancellationToken) =>
        SucceededAsync(system, entity, 0, cancellationToken);

    /// <summary>Records a successful poll that found <paramref name="found"/> changes (and logs the recovery of a failing target).</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="found">How many changes it enqueued.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded status.</returns>
    public async Task<PollTargetStatus> SucceededAsync(string system, string entity, int found, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var previous = await CurrentAsync(system, entity, cancellationToken).ConfigureAwait(false);
        if (previous is { Succeeded: false, FailingSince: { } since })
        {
            PipelineLog.PollRecovered(_logger, system, entity, previous.ConsecutiveFailures, since);
        }

        var status = new PollTargetStatus(system, entity, now, true, 0, previous?.LastError, null, now, found > 0 ? now : previous?.LastChangesAt, found);
        await SaveAsync(status, cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>
    /// Records a failed poll and logs it: the first failure of a kind with its exception, repeats of the same error only as
    /// a count at the 2nd, 4th, 8th… failure ("failed 16 times since 08:00: …").
    /// </summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="exception">What failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded status.</returns>
    public async Task<PollTargetStatus> FailedAsync(string system, string entity, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var now = _time.GetUtcNow();
        var error = Describe(exception);
        var previous = await CurrentAsync(system, entity, cancellationToken).ConfigureAwait(false);
        var failures = previous is { Succeeded: false } ? previous.ConsecutiveFailures + 1 : 1;
        var since = previous is { Succeeded: false, FailingSince: { } start } ? start : now;
        var status = new PollTargetStatus(system, entity, now, false, failures, error, since, previous?.LastSuccessAt, previous?.LastChangesAt);
        if (failures == 1 || !string.Equals(previous?.LastError, error, StringComparison.Ordinal))
        {
            PipelineLog.PollFailed(_logger, system, entity, exception is ConnectorException c ? c.ErrorCode : exception.GetType().Name, exception);
        }
        else if ((failures & (failures - 1)) == 0)
        {
            PipelineLog.PollStillFailing(_logger, system, entity, failures, since, error);
        }

        await SaveAsync(status, cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>Reads the recorded poll outcomes from the state store (what any host last recorded).</summary>
    /// <param name="checkpoints">The recorded checkpoints.</param>
    /// <returns>The statuses.</returns>
    public static IReadOnlyList<PollTargetStatus> FromCheckpoints(IEnumerable<(string System, string Entity, Checkpoint Checkpoint)> checkpoints) =>
        checkpoints.Where(c => c.System == CheckpointSystem).Select(c => TryRead(c.Checkpoint.Value)).OfType<PollTargetStatus>().ToList();

    /// <summary>Gets the one line a failure is recorded and compared as.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns><c>ErrorCode: first line of the message</c>.</returns>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        message = end < 0 ? message : message[..end];
        return exception is ConnectorException c ? $"{c.ErrorCode}: {message}" : $"{exception.GetType().Name}: {message}";
    }

    private static string Key(string system, string entity) => $"{system}/{entity}";

    private async Task<PollTargetStatus?> CurrentAsync(string system, string entity, CancellationToken cancellationToken)
    {
        if (_current.TryGetValue(Key(system, entity), out var known))
        {
            return known;
        }

        try
        {
            var stored = await _store.GetCheckpointAsync(CheckpointSystem, Key(system, entity), cancellationToken).ConfigureAwait(false);
            return stored is null ? null : TryRead(stored.Value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PipelineLog.PollNotRecorded(_logger, system, entity, ex);
            return null;
        }
    }

    private async Task SaveAsync(PollTargetStatus status, CancellationToken cancellationToken)
    {
        var key = Key(status.System, status.Entity);
        _current[key] = status;
        try
        {
            // Last writer wins, as for circuits: read the ETag, write over it.
            var json = JsonSerializer.Serialize(status);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var current = await _store.GetCheckpointAsync(CheckpointSystem, key, cancellationToken).ConfigureAwait(false);
                if (await _store.SaveCheckpointAsync(CheckpointSystem, key, json, current?.ETag, cancellationToken).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only status reads it: a store hiccup must not stop polling.
            PipelineLog.PollNotRecorded(_logger, status.System, status.Entity, ex);
        }
    }

    private static PollTargetStatus? TryRead(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PollTargetStatus>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
