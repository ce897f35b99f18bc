using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Telemetry;

namespace CrmBridge.Pipeline.Operations;

/// <content>Recording dead letters: failures the stage gives up on, poison messages and rejected input.</content>
public sealed partial class DeadLetterService
{
    private const int MaxKeptText = 16384;

    /// <summary>
    /// Records a change the stage gave up on. The snapshot is dropped (a replay reads the source again); the attempt
    /// history is kept on the dead letter and its envelope.
    /// </summary>
    /// <param name="envelope">The envelope (with its route when one route failed).</param>
    /// <param name="route">The route that failed, or <see langword="null"/> when the envelope failed before routing.</param>
    /// <param name="code">The error code (<see cref="DeadLetterCodes"/> or the connector's).</param>
    /// <param name="reason">Why, for people.</param>
    /// <param name="history">The failed attempts, most recent last.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter's id.</returns>
    public Task<string> RecordFailureAsync(ChangeEnvelope envelope, string? route, string code, string reason, IReadOnlyList<AttemptNote> history, CancellationToken cancellationToken) =>
        RecordFailureAsync(envelope, route, code, reason, history, null, cancellationToken);

    /// <summary>
    /// Records a change the stage gave up on, like the public overload, knowing the hash of the mapped document that failed
    /// (so the change event of the "failed" status write is recognised as the bridge's own).
    /// </summary>
    /// <param name="envelope">The envelope (with its route when one route failed).</param>
    /// <param name="route">The route that failed, or <see langword="null"/> when the envelope failed before routing.</param>
    /// <param name="code">The error code.</param>
    /// <param name="reason">Why, for people; also written to the source record's error field.</param>
    /// <param name="history">The failed attempts, most recent last.</param>
    /// <param name="contentHash">The hash of the mapped document that failed, or <see langword="null"/> (it did not map).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter's id.</returns>
    internal async Task<string> RecordFailureAsync(ChangeEnvelope envelope, string? route, string code, string reason, IReadOnlyList<AttemptNote> history, string? contentHash, CancellationToken cancellationToken)
    {
        var letter = new DeadLetter
        {
            Envelope = envelope with { Snapshot = null, SnapshotRef = null, History = history },
            Route = route,
            ErrorCode = code,
            Reason = reason,
            FailedAt = _time.GetUtcNow(),
            Status = DeadLetterStatus.Open,
            Attempts = history,
        };
        var id = await _store.AddDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false);
        PipelineLog.DeadLettered(_logger, envelope.System, envelope.Entity, envelope.RecordId, code, envelope.CorrelationId);
        if (_syncStatus is not null && envelope.Origin != EnvelopeOrigins.SyncStatus)
        {
            await _syncStatus.PublishAsync(envelope, route, new SyncStatusUpdate(SyncStatusKind.Failed, default, Error: reason, ContentHash: contentHash), cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    /// <summary>
    /// Dead-letters a message the host gave up on (it kept failing or crashing the host) or that is not an envelope at
    /// all, so nothing stays hidden in a poison queue. An envelope is kept without its snapshot (a replay reads the source
    /// again); unparseable messages are kept verbatim, truncated to 16 KiB, until retention deletes them.
    /// </summary>
    /// <param name="messageText">The message text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter's id.</returns>
    public async Task<string> RecordPoisonAsync(string messageText, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        ChangeEnvelope envelope;
        string reason;
        try
        {
            // Only what a replay needs: the replay reads the source again, so the snapshot (a full record) is dropped.
            envelope = EnvelopeCodec.Deserialize(messageText) with { Snapshot = null, SnapshotRef = null };
            reason = "The host gave up on the message after its maximum dequeue count (it failed or crashed the host every time).";
        }
        catch (JsonException ex)
        {
            var id = ContentHasher.HashText(messageText);
            envelope = new ChangeEnvelope
            {
                Id = id,
                System = "unknown",
                Entity = "unknown",
                RecordId = id,
                CorrelationId = id,
                FirstSeen = now,
                Snapshot = new JsonObject { ["rawMessage"] = Truncate(messageText) },
            };
            reason = $"The poison message is not a change envelope: {ex.Message}";
        }

        var letter = new DeadLetter { Envelope = envelope, Route = envelope.Route, ErrorCode = DeadLetterCodes.Poison, Reason = reason, FailedAt = now, Attempts = envelope.History };
        var letterId = await _store.AddDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false);
        var outcome = SyncOutcome.For(envelope, envelope.Route ?? "", SyncOutcomeKind.DeadLettered, now);
        await _store.RecordOutcomesAsync([outcome], cancellationToken).ConfigureAwait(false);
        PipelineMetrics.RecordOutcome(outcome, null);
        PipelineLog.DeadLettered(_logger, envelope.System, envelope.Entity, envelope.RecordId, DeadLetterCodes.Poison, envelope.CorrelationId);
        return letterId;
    }

    /// <summary>
    /// Keeps an authenticated call that could not be understood (a malformed webhook body) as a dead letter, so nothing
    /// sent to the bridge is lost silently. It names the system and the reason and keeps the body (truncated to 16 KiB)
    /// for inspection. It cannot be replayed — there is no record to re-read: fix the sender and let it send again.
    /// </summary>
    /// <param name="system">The system that sent it.</param>
    /// <param name="channel">Where it arrived (<see cref="EnvelopeOrigins.Webhook"/>).</param>
    /// <param name="reason">Why it was rejected.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="correlationId">The correlation id of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter's id.</returns>
    public Task<string> RecordRejectedInputAsync(string system, string channel, string reason, string body, string correlationId, CancellationToken cancellationToken)
    {
        var id = ContentHasher.HashText(body);
        var envelope = new ChangeEnvelope
        {
            Id = Guid.NewGuid().ToString("N"),
            System = system,
            Entity = "(" + channel + ")",
            RecordId = id,
            CorrelationId = correlationId,
            FirstSeen = _time.GetUtcNow(),
            Origin = channel,
            Snapshot = new JsonObject { ["rawBody"] = Truncate(body) },
        };
        return _store.AddDeadLetterAsync(
            new DeadLetter { Envelope = envelope, ErrorCode = DeadLetterCodes.RejectedInput, Reason = $"Rejected {channel} call from {system}: {reason} (not replayable: fix the sender and resend).", FailedAt = _time.GetUtcNow() },
            cancellationToken);
    }

    private static string Truncate(string text) => text.Length > MaxKeptText ? text[..MaxKeptText] : text;
}
