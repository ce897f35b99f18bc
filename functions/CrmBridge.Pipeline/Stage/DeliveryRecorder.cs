using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Records a delivered document: the cross-reference (store and cache), the write echo (so the target's change event
/// for it is recognised as the bridge's own), and the ledger entry (version and content hash) that drops repeats.
/// </summary>
internal sealed class DeliveryRecorder
{
    private readonly ISyncStateStore _state;
    private readonly CrossReferenceCache _xrefCache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DeliveryRecorder(ISyncStateStore state, CrossReferenceCache xrefCache, TimeProvider time, ILogger logger)
    {
        _state = state;
        _xrefCache = xrefCache;
        _time = time;
        _logger = logger;
    }

    /// <summary>Records a delivery.</summary>
    /// <param name="delivery">What was delivered.</param>
    /// <param name="result">The target's answer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    public async Task RecordAsync(PendingDelivery delivery, UpsertResult result, CancellationToken cancellationToken)
    {
        var envelope = delivery.Envelope;
        var route = delivery.Route;
        var now = _time.GetUtcNow();
        var source = envelope.Source;
        var target = new RecordRef(route.TargetSystem, route.TargetEntity, result.Id);
        await _state.PutCrossReferenceAsync(new CrossReference(source, target), cancellationToken).ConfigureAwait(false);
        _xrefCache.Put(source, target);
        await _state.PutEchoAsync(new WriteEcho(target, result.Version, delivery.ContentHash, now), cancellationToken).ConfigureAwait(false);
        await _state.PutLedgerAsync(new LedgerEntry(route.Name, envelope.RecordId, delivery.SourceVersion, delivery.ContentHash, result.Id, now), cancellationToken).ConfigureAwait(false);
        PipelineLog.Delivered(_logger, route.Name, envelope.RecordId, result.Id, result.Created, envelope.CorrelationId);
    }
}
