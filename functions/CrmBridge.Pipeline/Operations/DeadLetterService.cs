using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>What admins do with dead letters: list, inspect, replay (after fixing the mapping or the data), dismiss.</summary>
public sealed class DeadLetterService
{
    private readonly IDeadLetterStore _store;
    private readonly IWorkQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<DeadLetterService> _logger;

    /// <summary>Initializes a new instance of the <see cref="DeadLetterService"/> class.</summary>
    /// <param name="store">The dead-letter store.</param>
    /// <param name="queue">The work queue replays go to.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public DeadLetterService(IDeadLetterStore store, IWorkQueue queue, TimeProvider time, ILogger<DeadLetterService> logger)
    {
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

        if (letter.ErrorCode == RejectedInputCode)
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
            Origin = "replay",
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
    public async Task<int> ReplayAllAsync(DeadLetterQuery query, CancellationToken cancellationToken, IProgress<(int Done, int Total)>? progress = null)
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

    /// <summary>The error code of dead letters that keep rejected input (malformed webhook bodies) for inspection.</summary>
    public const string RejectedInputCode = "REJECTED_INPUT";

    /// <summary>
    /// Keeps an authenticated call that could not be understood (a malformed webhook body) as a dead letter, so nothing
    /// sent to the bridge is lost silently. It names the system and the reason and keeps the body (truncated to 16 KiB)
    /// for inspection. It cannot be replayed — there is no record to re-read: fix the sender and let it send again.
    /// </summary>
    /// <param name="system">The system that sent it.</param>
    /// <param name="channel">Where it arrived (e.g. <c>webhook</c>).</param>
    /// <param name="reason">Why it was rejected.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="correlationId">The correlation id of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter's id.</returns>
    public Task<string> RecordRejectedInputAsync(string system, string channel, string reason, string body, string correlationId, CancellationToken cancellationToken)
    {
        var id = Stage.ContentHasher.HashText(body);
        var envelope = new ChangeEnvelope
        {
            Id = Guid.NewGuid().ToString("N"),
            System = system,
            Entity = "(" + channel + ")",
            RecordId = id,
            CorrelationId = correlationId,
            FirstSeen = _time.GetUtcNow(),
            Origin = channel,
            Snapshot = new System.Text.Json.Nodes.JsonObject { ["rawBody"] = body.Length > 16384 ? body[..16384] : body },
        };
        return _store.AddDeadLetterAsync(
            new DeadLetter { Envelope = envelope, ErrorCode = RejectedInputCode, Reason = $"Rejected {channel} call from {system}: {reason} (not replayable: fix the sender and resend).", FailedAt = _time.GetUtcNow() },
            cancellationToken);
    }

    /// <summary>Dismisses a dead letter without replaying it (kept for the audit trail).</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    public Task<bool> DismissAsync(string id, CancellationToken cancellationToken) =>
        _store.SetDeadLetterStatusAsync(id, DeadLetterStatus.Dismissed, cancellationToken);
}
