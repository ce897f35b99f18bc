using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Settles a prepared and delivered envelope: one sync outcome per route, and for each failure the one decision of what
/// happens next — defer (waiting for a dependency, up to <see cref="PipelineOptions.MaxDeferrals"/>), retry with
/// backoff (transient, up to <see cref="PipelineOptions.MaxAttempts"/>; quota waits spend no attempt), or dead-letter
/// through the <see cref="DeadLetterService"/>. Does not write the sync log; the stage records every outcome at once.
/// </summary>
internal sealed class OutcomeSettler
{
    private const int MaxHistory = 10;

    private readonly IWorkQueue _queue;
    private readonly DeadLetterService _deadLetters;
    private readonly RetryPolicy _retry;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public OutcomeSettler(IWorkQueue queue, DeadLetterService deadLetters, RetryPolicy retry, PipelineOptions options, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _deadLetters = deadLetters;
        _retry = retry;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Settles an envelope.</summary>
    /// <param name="prepared">The envelope after delivery.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The dependencies' outcomes followed by the envelope's (one per route, or one for the envelope).</returns>
    public async Task<IReadOnlyList<SyncOutcome>> SettleAsync(PreparedEnvelope prepared, CancellationToken cancellationToken)
    {
        var envelope = prepared.Envelope;
        var outcomes = new List<SyncOutcome>(prepared.DependencyOutcomes);
        if (prepared.Failure is not null)
        {
            var kind = await FailAsync(prepared, null, prepared.Failure, cancellationToken).ConfigureAwait(false);
            outcomes.Add(Outcome(envelope, envelope.Route ?? "", kind));
            return outcomes;
        }

        if (prepared.Routes.Count == 0)
        {
            outcomes.Add(Outcome(envelope, "", prepared.Outcome ?? SyncOutcomeKind.Skipped));
            return outcomes;
        }

        foreach (var route in prepared.Routes)
        {
            var kind = route.Failure is not null
                ? await FailAsync(prepared, route.Route, route.Failure, cancellationToken).ConfigureAwait(false)
                : route.Outcome ?? prepared.Outcome ?? SyncOutcomeKind.Skipped;
            outcomes.Add(Outcome(envelope, route.Route.Name, kind));
        }

        return outcomes;
    }

    private SyncOutcome Outcome(ChangeEnvelope envelope, string route, SyncOutcomeKind kind) => SyncOutcome.For(envelope, route, kind, _time.GetUtcNow());

    private async Task<SyncOutcomeKind> FailAsync(PreparedEnvelope prepared, SyncRoute? route, StageFailure failure, CancellationToken cancellationToken)
    {
        var envelope = prepared.Envelope;
        var routed = route is null ? envelope : envelope with { Route = route.Name };
        var history = envelope.History.Append(new AttemptNote(_time.GetUtcNow(), failure.Code, Truncate(failure.Message))).TakeLast(MaxHistory).ToList();

        if (failure.Defer)
        {
            if (envelope.Deferrals + 1 > _options.MaxDeferrals)
            {
                return await DeadLetterAsync(routed, route, DeadLetterCodes.DependencyUnresolved, $"Gave up waiting after {envelope.Deferrals} deferrals: {failure.Message}", history, cancellationToken).ConfigureAwait(false);
            }

            var delay = _retry.DeferralDelay(envelope.Deferrals);
            await _queue.EnqueueAsync(routed with { Deferrals = envelope.Deferrals + 1, Origin = EnvelopeOrigins.Deferred }, delay, cancellationToken).ConfigureAwait(false);
            PipelineLog.Deferred(_logger, envelope.System, envelope.Entity, envelope.RecordId, delay, envelope.CorrelationId);
            return SyncOutcomeKind.Deferred;
        }

        if (failure.Retryable && prepared.Depth == 0)
        {
            var quota = failure.Error?.Kind == ErrorKind.QuotaExhausted;
            var attempt = quota ? envelope.Attempt : envelope.Attempt + 1;
            if (quota || attempt < _options.MaxAttempts)
            {
                var delay = _retry.NextDelay(attempt, failure.Error);
                await _queue.EnqueueAsync(routed with { Attempt = attempt, History = history, Origin = EnvelopeOrigins.Retry }, delay, cancellationToken).ConfigureAwait(false);
                PipelineLog.Retrying(_logger, envelope.System, envelope.Entity, envelope.RecordId, attempt, failure.Code, delay, envelope.CorrelationId);
                return SyncOutcomeKind.Retried;
            }

            return await DeadLetterAsync(routed, route, failure.Code, $"Gave up after {attempt} attempts: {failure.Message}", history, cancellationToken).ConfigureAwait(false);
        }

        if (failure.Retryable)
        {
            // An inline dependency that failed transiently: its dependant is deferred and retries it; enqueue it too so it
            // also syncs on its own.
            await _queue.EnqueueAsync(routed with { Attempt = envelope.Attempt + 1, History = history, Origin = EnvelopeOrigins.Retry }, _retry.NextDelay(envelope.Attempt + 1, failure.Error), cancellationToken).ConfigureAwait(false);
            return SyncOutcomeKind.Retried;
        }

        return await DeadLetterAsync(routed, route, failure.Code, failure.Message, history, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SyncOutcomeKind> DeadLetterAsync(ChangeEnvelope envelope, SyncRoute? route, string code, string reason, IReadOnlyList<AttemptNote> history, CancellationToken cancellationToken)
    {
        await _deadLetters.RecordFailureAsync(envelope, route?.Name, code, reason, history, cancellationToken).ConfigureAwait(false);
        return SyncOutcomeKind.DeadLettered;
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] + "…" : text;
}
