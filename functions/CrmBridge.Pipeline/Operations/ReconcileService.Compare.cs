using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;

namespace CrmBridge.Pipeline.Operations;

/// <content>Comparing one record, finding orphans, and repairs.</content>
public sealed partial class ReconcileService
{
    private async Task CompareAsync(SyncRoute route, SourceRecord record, RouteTally tally, bool repair, CancellationToken cancellationToken)
    {
        var source = new RecordRef(route.SourceSystem, route.SourceEntity, record.Id);
        var resolver = new LookupResolver(route, _xrefCache);
        var result = _mapper.Map(route, record.Data, resolver);
        if (result.Status == MapStatus.MissingLookups && await resolver.LoadAsync(result.MissingLookups, _state, cancellationToken).ConfigureAwait(false))
        {
            result = _mapper.Map(route, record.Data, resolver);
        }

        switch (result.Status)
        {
            case MapStatus.Filtered:
                tally.Filtered++;
                return;
            case MapStatus.Failed:
                tally.Add(new ReconcileFinding(ReconcileFindingKind.Unmappable, record.Id, null, string.Join("; ", result.Errors.Select(e => e.ToString()))));
                return;
        }

        tally.Checked++;
        var targetId = await _state.FindCrossReferenceAsync(source, route.TargetSystem, route.TargetEntity, cancellationToken).ConfigureAwait(false);
        if (targetId is null)
        {
            var why = result.Status == MapStatus.MissingLookups ? $"no cross-reference; lookup '{result.MissingLookups[0].Lookup}' is not synced either" : "no cross-reference";
            await ReportAsync(route, record, tally, new ReconcileFinding(ReconcileFindingKind.Missing, record.Id, null, why), repair, cancellationToken).ConfigureAwait(false);
            return;
        }

        var target = await _connectors.Get(route.TargetSystem).GetAsync(route.TargetEntity, targetId, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            await ReportAsync(route, record, tally, new ReconcileFinding(ReconcileFindingKind.Missing, record.Id, targetId, "the target record is gone"), repair, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (result.Status == MapStatus.MissingLookups)
        {
            var missing = result.MissingLookups[0];
            var finding = new ReconcileFinding(ReconcileFindingKind.Stale, record.Id, targetId, $"lookup '{missing.Lookup}' ({missing.Field}) is not synced");
            await ReportAsync(route, record, tally, finding, repair, cancellationToken).ConfigureAwait(false);
            return;
        }

        var differences = ReconcileComparer.Differences(result.Document!, target.Data, field => Ignored(route, field));
        if (differences.Count == 0)
        {
            tally.InSync++;
            return;
        }

        if (await IsEchoAsync(source, record.Version, cancellationToken).ConfigureAwait(false))
        {
            // The source's latest version is the bridge's own write (an ERP order it created): the stage drops it as an echo
            // by design (loop prevention), so the other side is not expected to carry that version's mapping.
            tally.Echoes++;
            return;
        }

        var stale = new ReconcileFinding(ReconcileFindingKind.Stale, record.Id, targetId, "differs in " + string.Join(", ", differences.Take(5)) + (differences.Count > 5 ? ", …" : ""));
        await ReportAsync(route, record, tally, stale, repair, cancellationToken).ConfigureAwait(false);
    }

    private async Task FindOrphansAsync(SyncRoute route, Dictionary<string, SourceRecord> sources, RouteTally tally, bool repair, IProgress<ReconcileProgress>? progress, CancellationToken cancellationToken)
    {
        var targets = await ReadAllAsync(_connectors.Get(route.TargetSystem), route.TargetEntity, "orphans " + route.Name, progress, cancellationToken).ConfigureAwait(false);
        foreach (var target in targets.Keys.Order(StringComparer.Ordinal))
        {
            var from = new RecordRef(route.TargetSystem, route.TargetEntity, target);
            var sourceId = await _state.FindCrossReferenceAsync(from, route.SourceSystem, route.SourceEntity, cancellationToken).ConfigureAwait(false);
            if (sourceId is null || sources.ContainsKey(sourceId))
            {
                continue; // Not this route's record (created in the target), or its source still exists.
            }

            tally.Add(new ReconcileFinding(ReconcileFindingKind.Orphaned, sourceId, target, "the source record no longer exists"));
            if (repair)
            {
                await EnqueueAsync(route, sourceId, null, ChangeOperation.Delete, cancellationToken).ConfigureAwait(false);
                tally.Repaired++;
            }
        }
    }

    private async Task ReportAsync(SyncRoute route, SourceRecord record, RouteTally tally, ReconcileFinding finding, bool repair, CancellationToken cancellationToken)
    {
        tally.Add(finding);
        if (!repair)
        {
            return;
        }

        // The ledger may hold the mapped hash of a delivery that was later lost or overwritten: forget it so the stage delivers.
        await _state.DeleteLedgerAsync(route.Name, record.Id, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(route, record.Id, record, ChangeOperation.Upsert, cancellationToken).ConfigureAwait(false);
        tally.Repaired++;
    }

    private Task EnqueueAsync(SyncRoute route, string sourceId, SourceRecord? record, ChangeOperation operation, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var envelope = new ChangeEnvelope
        {
            Id = id,
            System = route.SourceSystem,
            Entity = route.SourceEntity,
            RecordId = sourceId,
            Operation = operation,
            SourceVersion = record?.Version,
            CorrelationId = "reconcile-" + id,
            FirstSeen = _time.GetUtcNow(),
            Snapshot = record?.Data,
            Route = route.Name,
            Origin = EnvelopeOrigins.Reconcile,
        };
        return _queue.EnqueueAsync(envelope, TimeSpan.Zero, cancellationToken);
    }

    private async Task<bool> IsEchoAsync(RecordRef source, string? version, CancellationToken cancellationToken) =>
        version is not null
        && await _state.GetEchoAsync(source, cancellationToken).ConfigureAwait(false) is { Version: { } echoed }
        && VersionComparer.Instance.Compare(echoed, version) == 0;

    private static bool Ignored(SyncRoute route, string field) =>
        string.Equals(field, route.TargetKeyField, StringComparison.Ordinal)
        || field.Contains("@odata.", StringComparison.Ordinal) // write-only annotations (Dataverse lookups): the read shape differs
        || (route.Owns.Count > 0 && !route.Owns.Contains(field, StringComparer.Ordinal));
}
