using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <content>Settling an envelope: outcomes, retries with backoff, deferrals and dead letters.</content>
public sealed partial class SyncStage
{
    private const int MaxHistory = 10;

    /// <summary>
    /// Dead-letters a message the Functions host moved to the poison queue (it kept failing or crashing the host), so
    /// nothing stays hidden there. Unparseable messages are kept verbatim (truncated to 16 KiB).
    /// </summary>
    /// <param name="messageText">The poison message text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter's id.</returns>
    public async Task<string> DeadLetterPoisonAsync(string messageText, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        ChangeEnvelope envelope;
        string reason;
        try
        {
            envelope = EnvelopeCodec.Deserialize(messageText);
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
                Snapshot = new JsonObject { ["rawMessage"] = messageText.Length > 16384 ? messageText[..16384] : messageText },
            };
            reason = $"The poison message is not a change envelope: {ex.Message}";
        }

        var letter = new DeadLetter { Envelope = envelope, Route = envelope.Route, ErrorCode = "POISON", Reason = reason, FailedAt = now, Attempts = envelope.History };
        var letterId = await _state.AddDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false);
        await _state.RecordOutcomesAsync([Outcome(envelope, envelope.Route ?? "", SyncOutcomeKind.DeadLettered)], cancellationToken).ConfigureAwait(false);
        PipelineLog.DeadLettered(_logger, envelope.System, envelope.Entity, envelope.RecordId, "POISON", envelope.CorrelationId);
        return letterId;
    }

    private async Task<List<SyncOutcome>> SettleAsync(EnvelopeWork work, CancellationToken cancellationToken)
    {
        var envelope = work.Envelope;
        var outcomes = new List<SyncOutcome>(work.DependencyOutcomes);
        if (work.Failure is not null)
        {
            var kind = await FailAsync(work, null, work.Failure, cancellationToken).ConfigureAwait(false);
            outcomes.Add(Outcome(envelope, envelope.Route ?? "", kind));
            return outcomes;
        }

        if (work.Routes.Count == 0)
        {
            outcomes.Add(Outcome(envelope, "", work.Outcome ?? SyncOutcomeKind.Skipped));
            return outcomes;
        }

        foreach (var route in work.Routes)
        {
            var kind = route.Failure is not null
                ? await FailAsync(work, route.Route, route.Failure, cancellationToken).ConfigureAwait(false)
                : route.Outcome ?? work.Outcome ?? SyncOutcomeKind.Skipped;
            outcomes.Add(Outcome(envelope, route.Route.Name, kind));
        }

        return outcomes;
    }

    private SyncOutcome Outcome(ChangeEnvelope envelope, string route, SyncOutcomeKind kind) =>
        new(envelope.System, envelope.Entity, route, envelope.RecordId, kind, _time.GetUtcNow(), envelope.CorrelationId);

    private async Task<SyncOutcomeKind> FailAsync(EnvelopeWork work, SyncRoute? route, StageFailure failure, CancellationToken cancellationToken)
    {
        var envelope = work.Envelope;
        var routed = route is null ? envelope : envelope with { Route = route.Name };
        var now = _time.GetUtcNow();
        var history = envelope.History.Append(new AttemptNote(now, failure.Code, Truncate(failure.Message))).TakeLast(MaxHistory).ToList();

        if (failure.Defer)
        {
            if (envelope.Deferrals + 1 > _options.MaxDeferrals)
            {
                return await DeadLetterAsync(routed, route, "DEPENDENCY_UNRESOLVED", $"Gave up waiting after {envelope.Deferrals} deferrals: {failure.Message}", history, cancellationToken).ConfigureAwait(false);
            }

            var delay = _retry.DeferralDelay(envelope.Deferrals);
            await _queue.EnqueueAsync(routed with { Deferrals = envelope.Deferrals + 1, Origin = "deferred" }, delay, cancellationToken).ConfigureAwait(false);
            PipelineLog.Deferred(_logger, envelope.System, envelope.Entity, envelope.RecordId, delay, envelope.CorrelationId);
            return SyncOutcomeKind.Deferred;
        }

        if (failure.Retryable && work.Depth == 0)
        {
            var quota = failure.Error?.Kind == Connectors.ErrorKind.QuotaExhausted;
            var attempt = quota ? envelope.Attempt : envelope.Attempt + 1;
            if (quota || attempt < _options.MaxAttempts)
            {
                var delay = _retry.NextDelay(attempt, failure.Error);
                await _queue.EnqueueAsync(routed with { Attempt = attempt, History = history, Origin = "retry" }, delay, cancellationToken).ConfigureAwait(false);
                PipelineLog.Retrying(_logger, envelope.System, envelope.Entity, envelope.RecordId, attempt, failure.Code, delay, envelope.CorrelationId);
                return SyncOutcomeKind.Retried;
            }

            return await DeadLetterAsync(routed, route, failure.Code, $"Gave up after {attempt} attempts: {failure.Message}", history, cancellationToken).ConfigureAwait(false);
        }

        if (failure.Retryable)
        {
            // An inline dependency that failed transiently: its dependant is deferred and retries it; enqueue it too so it
            // also syncs on its own.
            await _queue.EnqueueAsync(routed with { Attempt = envelope.Attempt + 1, History = history, Origin = "retry" }, _retry.NextDelay(envelope.Attempt + 1, failure.Error), cancellationToken).ConfigureAwait(false);
            return SyncOutcomeKind.Retried;
        }

        return await DeadLetterAsync(routed, route, failure.Code, failure.Message, history, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SyncOutcomeKind> DeadLetterAsync(ChangeEnvelope envelope, SyncRoute? route, string code, string reason, IReadOnlyList<AttemptNote> history, CancellationToken cancellationToken)
    {
        var letter = new DeadLetter
        {
            Envelope = envelope with { Snapshot = null, SnapshotRef = null, History = history },
            Route = route?.Name,
            ErrorCode = code,
            Reason = reason,
            FailedAt = _time.GetUtcNow(),
            Status = DeadLetterStatus.Open,
            Attempts = history,
        };
        await _state.AddDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false);
        PipelineLog.DeadLettered(_logger, envelope.System, envelope.Entity, envelope.RecordId, code, envelope.CorrelationId);
        return SyncOutcomeKind.DeadLettered;
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] + "…" : text;
}
