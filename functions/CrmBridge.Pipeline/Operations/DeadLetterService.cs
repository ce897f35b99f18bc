using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.StatusWriteback;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// The one home of dead letters: recording them (failures the stage gives up on, poison messages, rejected input) and what
/// admins do with them: list, inspect, replay (after fixing the mapping or the data), dismiss.
/// </summary>
public sealed partial class DeadLetterService
{
    private readonly ISyncStateStore _store;
    private readonly IWorkQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<DeadLetterService> _logger;
    private readonly SyncStatusPublisher? _syncStatus;

    /// <summary>Initializes a new instance of the <see cref="DeadLetterService"/> class.</summary>
    /// <param name="store">The state store (dead letters, and the sync log for poison messages).</param>
    /// <param name="queue">The work queue replays go to.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="syncStatus">Writes "failed" and the reason to the source record of routes with status fields (optional).</param>
    public DeadLetterService(ISyncStateStore store, IWorkQueue queue, TimeProvider time, ILogger<DeadLetterService> logger, SyncStatusPublisher? syncStatus = null)
    {
        _syncStatus = syncStatus;
        _store = store;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    /// <summary>Lists dead letters.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letters, newest first.</returns>
    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken) =>
        _store.ListDeadLettersAsync(query, cancellationToken);

    /// <summary>Reads one dead letter.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter, or <see langword="null"/>.</returns>
    public Task<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken) => _store.GetDeadLetterAsync(id, cancellationToken);

    /// <summary>
    /// Replays an open dead letter: enqueues a fresh envelope for the same record and route without the old snapshot, so
    /// the current mapping runs on fresh source data, and marks the dead letter replayed.
    /// </summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when replayed; <see langword="false"/> when it does not exist, is not open, or holds rejected input (nothing to re-read).</returns>
    public async Task<bool> ReplayAsync(string id, CancellationToken cancellationToken) =>
        await TryReplayAsync(id, cancellationToken).ConfigureAwait(false) == ReplayOutcome.Replayed;

    /// <summary>Replays a dead letter like <see cref="ReplayAsync"/>, saying why when it could not.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened.</returns>
    public async Task<ReplayOutcome> TryReplayAsync(string id, CancellationToken cancellationToken)
    {
        var letter = await _store.GetDeadLetterAsync(id, cancellationToken).ConfigureAwait(false);
        if (letter is null)
        {
            return ReplayOutcome.NotFound;
        }

        if (letter.Status != DeadLetterStatus.Open)
        {
            return ReplayOutcome.NotOpen;
        }

        if (letter.ErrorCode == DeadLetterCodes.RejectedInput)
        {
            return ReplayOutcome.NotReplayable;
        }

        var envelope = letter.Envelope with
        {
            Id = Guid.NewGuid().ToString("N"),
            Attempt = 0,
            Deferrals = 0,
            History = [],
            Snapshot = null,
            SnapshotRef = null,
            SourceVersion = null,
            Origin = EnvelopeOrigins.Replay,
            FirstSeen = _time.GetUtcNow(),
        };
        await _queue.EnqueueAsync(envelope, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        await _store.SetDeadLetterStatusAsync(id, DeadLetterStatus.Replayed, cancellationToken).ConfigureAwait(false);
        PipelineLog.Replayed(_logger, id, envelope.Id);
        return ReplayOutcome.Replayed;
    }

    /// <summary>Replays every open dead letter matching the query.</summary>
    /// <param name="query">The filters (status is forced to open).</param>
    /// <param name="cancellationToken">Cancels the call; those replayed so far stay replayed.</param>
    /// <param name="progress">Receives (done, total) while replaying.</param>
    /// <returns>How many were replayed.</returns>
    public async Task<int> ReplayAllAsync(DeadLetterQuery query, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var letters = await _store.ListDeadLettersAsync(query with { Status = DeadLetterStatus.Open }, cancellationToken).ConfigureAwait(false);
        var replayed = 0;
        for (var i = 0; i < letters.Count; i++)
        {
            if (await ReplayAsync(letters[i].Id, cancellationToken).ConfigureAwait(false))
            {
                replayed++;
            }

            progress?.Report((i + 1, letters.Count));
        }

        return replayed;
    }

    /// <summary>Dismisses a dead letter without replaying it (kept for the audit trail).</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    public Task<bool> DismissAsync(string id, CancellationToken cancellationToken) =>
        _store.SetDeadLetterStatusAsync(id, DeadLetterStatus.Dismissed, cancellationToken);
}
