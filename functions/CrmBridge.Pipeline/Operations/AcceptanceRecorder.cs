using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Records what asynchronous targets assign when they accept a write (the ERP id and number of a staging row the ERP job
/// booked) in the cross-reference: each source record delivered to the accepted record is cross-referenced with
/// <c>&lt;entity&gt;.erp_number</c> and <c>&lt;entity&gt;.erp_id</c> of the target system (<see cref="AssignedIdentity"/>), so
/// lookups that ask for the ERP's number resolve like those of an ERP that answers synchronously. The key the record was
/// written under stays its cross-referenced id for the written entity.
/// </summary>
public sealed class AcceptanceRecorder
{
    private readonly IReadOnlyList<IAcceptanceFeed> _feeds;
    private readonly IRecordMapper _mapper;
    private readonly ISyncStateStore _state;
    private readonly CrossReferenceCache _cache;
    private readonly ILogger<AcceptanceRecorder> _logger;

    /// <summary>Initializes a new instance of the <see cref="AcceptanceRecorder"/> class.</summary>
    /// <param name="feeds">The connectors that report acceptances later (none: nothing to do).</param>
    /// <param name="mapper">The routes (which source records were delivered to a target entity).</param>
    /// <param name="state">The state store (cross-references).</param>
    /// <param name="cache">The process-wide cross-reference cache, updated with what is recorded.</param>
    /// <param name="logger">The logger.</param>
    public AcceptanceRecorder(IEnumerable<IAcceptanceFeed> feeds, IRecordMapper mapper, ISyncStateStore state, CrossReferenceCache cache, ILogger<AcceptanceRecorder> logger)
    {
        _feeds = feeds.ToList();
        _mapper = mapper;
        _state = state;
        _cache = cache;
        _logger = logger;
    }

    /// <summary>Gets whether any connector reports acceptances.</summary>
    public bool HasFeeds => _feeds.Count > 0;

    /// <summary>Reads up to <paramref name="limit"/> acceptances per feed, records their cross-references and acknowledges them.</summary>
    /// <param name="limit">The most acceptances per feed and call.</param>
    /// <param name="cancellationToken">Cancels the call; unacknowledged acceptances are read again later.</param>
    /// <returns>How many acceptances were read.</returns>
    public async Task<int> RecordAsync(int limit, CancellationToken cancellationToken)
    {
        var read = 0;
        foreach (var feed in _feeds)
        {
            var acceptances = await feed.ReadAcceptancesAsync(limit, cancellationToken).ConfigureAwait(false);
            if (acceptances.Count == 0)
            {
                continue;
            }

            var linked = 0;
            foreach (var acceptance in acceptances)
            {
                linked += await RecordAsync(acceptance, cancellationToken).ConfigureAwait(false);
            }

            var acknowledged = await feed.AcknowledgeAcceptancesAsync(acceptances, cancellationToken).ConfigureAwait(false);
            AcceptanceLog.Recorded(_logger, feed.System, acceptances.Count, linked, acknowledged);
            read += acceptances.Count;
        }

        return read;
    }

    private async Task<int> RecordAsync(DeliveryAcceptance acceptance, CancellationToken cancellationToken)
    {
        var target = acceptance.Target;
        if (acceptance.AssignedId is null && acceptance.AssignedNumber is null)
        {
            AcceptanceLog.NothingAssigned(_logger, target.ToString());
            return 0;
        }

        var linked = 0;
        foreach (var route in _mapper.Routes.Where(r => Same(r.TargetSystem, target.System) && Same(r.TargetEntity, target.Entity)))
        {
            var sourceId = await _state.FindCrossReferenceAsync(target, route.SourceSystem, route.SourceEntity, cancellationToken).ConfigureAwait(false);
            if (sourceId is null)
            {
                continue;
            }

            var source = new RecordRef(route.SourceSystem, route.SourceEntity, sourceId);
            if (acceptance.AssignedNumber is { } number)
            {
                await PutAsync(source, new RecordRef(target.System, AssignedIdentity.NumberEntity(target.Entity), number), cancellationToken).ConfigureAwait(false);
            }

            if (acceptance.AssignedId is { } id)
            {
                await PutAsync(source, new RecordRef(target.System, AssignedIdentity.IdEntity(target.Entity), id), cancellationToken).ConfigureAwait(false);
            }

            AcceptanceLog.Linked(_logger, target.ToString(), source.ToString(), acceptance.AssignedNumber, acceptance.AssignedId);
            linked++;
        }

        if (linked == 0)
        {
            // Staged by hand or by another tool, or its cross-reference is gone: there is no source record to link.
            AcceptanceLog.NoSource(_logger, target.ToString());
        }

        return linked;
    }

    private async Task PutAsync(RecordRef source, RecordRef assigned, CancellationToken cancellationToken)
    {
        await _state.PutCrossReferenceAsync(new CrossReference(source, assigned), cancellationToken).ConfigureAwait(false);
        _cache.Put(source, assigned);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
