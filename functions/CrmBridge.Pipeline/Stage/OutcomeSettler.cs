using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.StatusWriteback;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Settles a prepared and delivered envelope: one sync outcome per route, and for each failure the one decision of what
/// happens next — defer (waiting for a dependency, up to <see cref="PipelineOptions.MaxDeferrals"/>), retry with
/// backoff (transient, until <see cref="PipelineOptions.MaxRetryAge"/>; quota waits spend no attempt), wait (an open
/// circuit, a record leased by another host, a dependency with a retry scheduled: no attempt spent), or dead-letter
/// through the <see cref="DeadLetterService"/>. Does not write the sync log; the stage records every outcome at once.
/// </summary>
internal sealed class OutcomeSettler
{
    private const int MaxHistory = 10;
    private static readonly TimeSpan MinWait = TimeSpan.FromSeconds(1);

    private readonly IWorkQueue _queue;
    private readonly DeadLetterService _deadLetters;
    private readonly RetryPolicy _retry;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private readonly RetryChains _chains;
    private readonly SyncStatusPublisher? _syncStatus;

    public OutcomeSettler(IWorkQueue queue, DeadLetterService deadLetters, RetryPolicy retry, PipelineOptions options, TimeProvider time, ILogger logger, RetryChains? chains = null, SyncStatusPublisher? syncStatus = null)
    {
        _syncStatus = syncStatus;
        _chains = chains ?? new RetryChains();
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
            var kind = await FailAsync(prepared, null, prepared.Failure, null, cancellationToken).ConfigureAwait(false);
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
                ? await FailAsync(prepared, route.Route, route.Failure, route.ContentHash, cancellationToken).ConfigureAwait(false)
                : route.Outcome ?? prepared.Outcome ?? SyncOutcomeKind.Skipped;
            outcomes.Add(Outcome(envelope, route.Route.Name, kind));
            await ReportStatusAsync(prepared, route, kind, cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    private SyncOutcome Outcome(ChangeEnvelope envelope, string route, SyncOutcomeKind kind) => SyncOutcome.For(envelope, route, kind, _time.GetUtcNow());

    /// <summary>Queues the route's outcome for the source record's status fields: synced, or pending while retried (dead letters report "failed" themselves).</summary>
    private Task ReportStatusAsync(PreparedEnvelope prepared, RouteResult route, SyncOutcomeKind kind, CancellationToken cancellationToken)
    {
        if (_syncStatus is null || route.Route.SyncStatus is not { } fields)
        {
            return Task.CompletedTask;
        }

        if (route.Failure is null && route.SyncedTargetId is { } targetId)
        {
            return _syncStatus.PublishAsync(prepared.Envelope, route.Route.Name, new SyncStatusUpdate(SyncStatusKind.Synced, default, targetId, ContentHash: route.ContentHash), cancellationToken);
        }

        return fields.PendingOnRetry && prepared.Depth == 0 && kind is SyncOutcomeKind.Retried or SyncOutcomeKind.Deferred
            ? _syncStatus.PublishAsync(prepared.Envelope, route.Route.Name, new SyncStatusUpdate(SyncStatusKind.Pending, default, ContentHash: route.ContentHash), cancellationToken)
            : Task.CompletedTask;
    }

    private async Task<SyncOutcomeKind> FailAsync(PreparedEnvelope prepared, SyncRoute? route, StageFailure failure, string? contentHash, CancellationToken cancellationToken)
    {
        var envelope = prepared.Envelope;
        var routed = route is null ? envelope : envelope with { Route = route.Name };
        var history = envelope.History.Append(new AttemptNote(_time.GetUtcNow(), failure.Code, Truncate(failure.Message))).TakeLast(MaxHistory).ToList();

        var now = _time.GetUtcNow();
        if (failure.WaitUntil is { } until)
        {
            if (prepared.Depth > 0)
            {
                return SyncOutcomeKind.Retried; // a dependency: its dependant waits too and brings it back
            }

            if (now - envelope.FirstSeen >= _options.MaxRetryAge)
            {
                return await DeadLetterAsync(routed, route, DeadLetterCodes.RetriesExhausted, $"Gave up after waiting since {envelope.FirstSeen:u}: {failure.Message}", history, contentHash, cancellationToken).ConfigureAwait(false);
            }

            var wait = until - now < MinWait ? MinWait : until - now;
            await _queue.EnqueueAsync(routed with { History = history, Origin = EnvelopeOrigins.Retry }, wait, cancellationToken).ConfigureAwait(false);
            PipelineLog.Waiting(_logger, envelope.System, envelope.Entity, envelope.RecordId, now + wait, failure.Code, envelope.CorrelationId);
            return SyncOutcomeKind.Retried;
        }

        if (failure.Defer)
        {
            if (envelope.Deferrals + 1 > _options.MaxDeferrals)
            {
                return await DeadLetterAsync(routed, route, DeadLetterCodes.DependencyUnresolved, $"Gave up waiting after {envelope.Deferrals} deferrals: {failure.Message}", history, contentHash, cancellationToken).ConfigureAwait(false);
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
            if (quota || !_retry.GivesUp(attempt, envelope.FirstSeen, now))
            {
                var delay = _retry.NextDelay(attempt, failure.Error);
                await _queue.EnqueueAsync(routed with { Attempt = attempt, History = history, Origin = EnvelopeOrigins.Retry }, delay, cancellationToken).ConfigureAwait(false);
                _chains.Schedule(envelope.Source, now + delay);
                PipelineLog.Retrying(_logger, envelope.System, envelope.Entity, envelope.RecordId, attempt, failure.Code, delay, envelope.CorrelationId);
                return SyncOutcomeKind.Retried;
            }

            return await DeadLetterAsync(routed, route, failure.Code, $"Gave up after {attempt} attempts since {envelope.FirstSeen:u}: {failure.Message}", history, contentHash, cancellationToken).ConfigureAwait(false);
        }

        if (failure.Retryable)
        {
            // An inline dependency that failed transiently: it gets one retry chain of its own (not one per dependant);
            // its dependants wait for that retry instead of each trying it again.
            var delay = _retry.NextDelay(envelope.Attempt + 1, failure.Error);
            if (_chains.TryStart(envelope.Source, now + delay, now))
            {
                await _queue.EnqueueAsync(routed with { Attempt = envelope.Attempt + 1, History = history, Origin = EnvelopeOrigins.Retry }, delay, cancellationToken).ConfigureAwait(false);
            }

            return SyncOutcomeKind.Retried;
        }

        return await DeadLetterAsync(routed, route, failure.Code, failure.Message, history, contentHash, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SyncOutcomeKind> DeadLetterAsync(ChangeEnvelope envelope, SyncRoute? route, string code, string reason, IReadOnlyList<AttemptNote> history, string? contentHash, CancellationToken cancellationToken)
    {
        await _deadLetters.RecordFailureAsync(envelope, route?.Name, code, reason, history, contentHash, cancellationToken).ConfigureAwait(false);
        return SyncOutcomeKind.DeadLettered;
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] + "…" : text;
}
