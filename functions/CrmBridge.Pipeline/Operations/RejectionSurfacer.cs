using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Turns what asynchronous targets refuse after accepting a write (staging rows the ERP job rejected minutes later) into
/// dead letters naming the target's message and the source record. The route's ledger entry is cleared, so replaying the
/// dead letter delivers the record again (the target resubmits it) instead of skipping it as unchanged. The same watch
/// records what those targets accept later (<see cref="AcceptanceRecorder"/>: the ERP's id and number in the cross-reference).
/// </summary>
public sealed class RejectionSurfacer
{
    private readonly IReadOnlyList<IRejectionFeed> _feeds;
    private readonly IRecordMapper _mapper;
    private readonly ISyncStateStore _state;
    private readonly DeadLetterService _deadLetters;
    private readonly TimeProvider _time;
    private readonly ILogger<RejectionSurfacer> _logger;
    private readonly AcceptanceRecorder? _acceptances;

    /// <summary>Initializes a new instance of the <see cref="RejectionSurfacer"/> class.</summary>
    /// <param name="feeds">The connectors that report rejections later (none: nothing to do).</param>
    /// <param name="mapper">The routes (which source records were delivered to a target entity).</param>
    /// <param name="state">The state store (cross-references, ledger, outcomes).</param>
    /// <param name="deadLetters">Where the rejections are recorded.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="acceptances">Records the acceptances of the same targets, or <see langword="null"/> for none.</param>
    public RejectionSurfacer(
        IEnumerable<IRejectionFeed> feeds, IRecordMapper mapper, ISyncStateStore state, DeadLetterService deadLetters, TimeProvider time, ILogger<RejectionSurfacer> logger,
        AcceptanceRecorder? acceptances = null)
    {
        _acceptances = acceptances;
        _feeds = feeds.ToList();
        _mapper = mapper;
        _state = state;
        _deadLetters = deadLetters;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets whether any connector reports rejections or acceptances (hosts skip the timer otherwise).</summary>
    public bool HasFeeds => _feeds.Count > 0 || _acceptances?.HasFeeds == true;

    /// <summary>
    /// Reads up to <paramref name="limit"/> rejections per feed, dead-letters and acknowledges each; then records up to
    /// <paramref name="limit"/> acceptances per feed in the cross-reference.
    /// </summary>
    /// <param name="limit">The most rejections, and the most acceptances, per feed and call.</param>
    /// <param name="cancellationToken">Cancels the call; unacknowledged rejections and acceptances are read again later.</param>
    /// <returns>How many rejections were dead-lettered plus how many acceptances were read (a full page: call again soon).</returns>
    public async Task<int> SurfaceAsync(int limit, CancellationToken cancellationToken)
    {
        var surfaced = 0;
        foreach (var feed in _feeds)
        {
            foreach (var rejection in await feed.ReadRejectionsAsync(limit, cancellationToken).ConfigureAwait(false))
            {
                await DeadLetterAsync(rejection, cancellationToken).ConfigureAwait(false);
                await feed.AcknowledgeRejectionAsync(rejection, cancellationToken).ConfigureAwait(false);
                surfaced++;
            }
        }

        return surfaced + (_acceptances is null ? 0 : await _acceptances.RecordAsync(limit, cancellationToken).ConfigureAwait(false));
    }

    private async Task DeadLetterAsync(DeliveryRejection rejection, CancellationToken cancellationToken)
    {
        var target = rejection.Target;
        var now = _time.GetUtcNow();
        var code = rejection.ErrorCode ?? DeadLetterCodes.TargetRejected;
        IReadOnlyList<AttemptNote> history = [new AttemptNote(now, code, rejection.Message)];
        var routes = _mapper.Routes.Where(r => Same(r.TargetSystem, target.System) && Same(r.TargetEntity, target.Entity));
        var recorded = false;
        foreach (var route in routes)
        {
            var sourceId = await _state.FindCrossReferenceAsync(target, route.SourceSystem, route.SourceEntity, cancellationToken).ConfigureAwait(false);
            if (sourceId is null)
            {
                continue;
            }

            // Without this the replay would map the same content, find it in the ledger and skip it as already delivered.
            // The hash of what was rejected goes with the "failed" status, so that status write's echo is not delivered again.
            var rejected = await _state.GetLedgerAsync(route.Name, sourceId, cancellationToken).ConfigureAwait(false);
            await _state.DeleteLedgerAsync(route.Name, sourceId, cancellationToken).ConfigureAwait(false);
            var envelope = Envelope(route.SourceSystem, route.SourceEntity, sourceId, route.Name, now);
            var source = $"{route.SourceSystem}/{route.SourceEntity}/{sourceId}";
            await _deadLetters.RecordFailureAsync(envelope, route.Name, code, Reason(rejection, $"source record {source}"), history, rejected?.ContentHash, cancellationToken).ConfigureAwait(false);
            await _state.RecordOutcomesAsync([SyncOutcome.For(envelope, route.Name, SyncOutcomeKind.DeadLettered, now)], cancellationToken).ConfigureAwait(false);
            PipelineLog.TargetRejected(_logger, target.ToString(), source, code);
            recorded = true;
        }

        if (!recorded)
        {
            // Nothing the bridge synced maps to this record (staged by hand, or the cross-reference is gone): keep it visible.
            var envelope = Envelope(target.System, target.Entity, target.Id, null, now);
            await _deadLetters.RecordFailureAsync(envelope, null, code, Reason(rejection, "no synced source record is known"), history, cancellationToken).ConfigureAwait(false);
            PipelineLog.TargetRejected(_logger, target.ToString(), "(unknown)", code);
        }
    }

    private static ChangeEnvelope Envelope(string system, string entity, string id, string? route, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = system,
        Entity = entity,
        RecordId = id,
        CorrelationId = Guid.NewGuid().ToString("N"),
        FirstSeen = now,
        Origin = EnvelopeOrigins.TargetFeedback,
        Route = route,
    };

    private static string Reason(DeliveryRejection rejection, string source) =>
        $"{rejection.Target.System} rejected {rejection.Target} after accepting it ({rejection.Attempts} attempt(s)): {rejection.Message} — {source}. Fix the data or the target, then replay.";

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
