using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <content>Mapping one route: ledger version check, lookups from cache and store, key and content-hash checks.</content>
internal sealed partial class EnvelopePreparer
{
    /// <summary>Maps a waiting route again after its dependencies were synced; lookups still missing defer it.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="waiting">The route result returned <see cref="RouteResult.Waiting"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The route's new result (never waiting).</returns>
    public async Task<RouteResult> RemapAsync(ChangeEnvelope envelope, RouteResult waiting, CancellationToken cancellationToken)
    {
        var awaiting = waiting.Awaiting ?? throw new ArgumentException("The route is not waiting for lookups.", nameof(waiting));
        var route = waiting.Route;
        var resolver = new LookupResolver(route, _xrefCache);
        await resolver.LoadAsync(awaiting.Missing, _state, cancellationToken).ConfigureAwait(false);
        var result = _mapper.Map(route, awaiting.Record.Data, resolver);
        if (result.Status == MapStatus.MissingLookups)
        {
            var first = result.MissingLookups[0];
            return RouteResult.Failed(route, StageFailure.Deferred($"Lookup '{first.Lookup}' for {first.Field}: source id {first.SourceId} is not synced yet."));
        }

        return Complete(envelope, route, result, awaiting.Ledger, awaiting.Version);
    }

    /// <summary>Maps a waiting route again after some of its references were synced; still waiting if some are missing.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="waiting">The waiting route.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The route, pending delivery (or done), or waiting for what is still missing.</returns>
    public async Task<RouteResult> RetryWaitingAsync(ChangeEnvelope envelope, RouteResult waiting, CancellationToken cancellationToken)
    {
        var awaiting = waiting.Awaiting ?? throw new ArgumentException("The route is not waiting for lookups.", nameof(waiting));
        var resolver = new LookupResolver(waiting.Route, _xrefCache);
        await resolver.LoadAsync(awaiting.Missing, _state, cancellationToken).ConfigureAwait(false);
        var result = _mapper.Map(waiting.Route, awaiting.Record.Data, resolver);
        return result.Status == MapStatus.MissingLookups
            ? RouteResult.Waiting(waiting.Route, awaiting with { Missing = result.MissingLookups })
            : Complete(envelope, waiting.Route, result, awaiting.Ledger, awaiting.Version);
    }

    private async Task<RouteResult> PrepareRouteAsync(ChangeEnvelope envelope, SyncRoute route, SourceRecord record, bool snapshot, CancellationToken cancellationToken)
    {
        var version = VersionOf(route, record);
        var ledger = await _state.GetLedgerAsync(route.Name, record.Id, cancellationToken).ConfigureAwait(false);
        if (snapshot && ledger is { IsTombstone: true })
        {
            // Deleted on this route after the snapshot was taken (or restored since): only the source knows which.
            PipelineLog.TombstoneSnapshotNotTrusted(_logger, route.Name, record.Id, envelope.CorrelationId);
            var (current, outcome) = await ReadSourceAsync(envelope with { Snapshot = null }, null, cancellationToken).ConfigureAwait(false);
            return current is null
                ? RouteResult.Done(route, outcome ?? SyncOutcomeKind.Skipped)
                : await PrepareRouteAsync(envelope, route, current, snapshot: false, cancellationToken).ConfigureAwait(false);
        }

        if (ledger?.SourceVersion is not null && version is not null && VersionComparer.Instance.Compare(version, ledger.SourceVersion) < 0)
        {
            return RouteResult.Done(route, SyncOutcomeKind.Skipped);
        }

        var resolver = new LookupResolver(route, _xrefCache);
        var result = _mapper.Map(route, record.Data, resolver);
        if (result.Status == MapStatus.MissingLookups && await resolver.LoadAsync(result.MissingLookups, _state, cancellationToken).ConfigureAwait(false))
        {
            result = _mapper.Map(route, record.Data, resolver);
        }

        if (result.Status == MapStatus.MissingLookups)
        {
            var waiting = RouteResult.Waiting(route, new AwaitingLookups(record, ledger, version, result.MissingLookups));
            return await CheckSyncStatusAsync(envelope, route, record.Id, version, ledger, waiting, cancellationToken).ConfigureAwait(false);
        }

        var completed = Complete(envelope, route, result, ledger, version);
        if (completed.Delivery is not null && snapshot && MayBeOlderThanDelivered(envelope.System, ledger, version))
        {
            // Same version as delivered but other content: with modification-time versions this snapshot may be the
            // first of two edits in one second, and the second was delivered already. Map the record as it is now.
            var current = await _connectors.Get(envelope.System).GetAsync(envelope.Entity, record.Id, cancellationToken).ConfigureAwait(false);
            return current is null
                ? RouteResult.Done(route, SyncOutcomeKind.Skipped)
                : await PrepareRouteAsync(envelope, route, current, snapshot: false, cancellationToken).ConfigureAwait(false);
        }

        return await CheckSyncStatusAsync(envelope, route, record.Id, version, ledger, completed, cancellationToken).ConfigureAwait(false);
    }

    private bool MayBeOlderThanDelivered(string system, LedgerEntry? ledger, string? version) =>
        ledger?.SourceVersion is not null && version is not null
        && VersionComparer.Instance.Compare(version, ledger.SourceVersion) == 0
        && !HasExactVersions(system);

    private static RouteResult Complete(ChangeEnvelope envelope, SyncRoute route, MapResult result, LedgerEntry? ledger, string? version)
    {
        switch (result.Status)
        {
            case MapStatus.Filtered:
                return RouteResult.Done(route, SyncOutcomeKind.Filtered);
            case MapStatus.Failed:
                return RouteResult.Failed(route, StageFailure.Permanent(DeadLetterCodes.MappingFailed, string.Join("; ", result.Errors.Select(e => e.ToString()))));
        }

        var document = result.Document!;
        var keyValue = document[route.TargetKeyField] is JsonValue v ? Convert.ToString(v.GetValue<object>(), CultureInfo.InvariantCulture) : null;
        if (string.IsNullOrEmpty(keyValue))
        {
            return RouteResult.Failed(route, StageFailure.Permanent(DeadLetterCodes.MissingKey, $"The mapped document has no value in its key field '{route.TargetKeyField}'."));
        }

        var hash = ContentHasher.Hash(document);
        if (ledger is not null && ledger.ContentHash == hash)
        {
            return RouteResult.Done(route, SyncOutcomeKind.Skipped);
        }

        document.Remove(route.TargetKeyField);
        return RouteResult.Pending(new PendingDelivery(envelope, route, document, keyValue, hash, version));
    }

    private static string? VersionOf(SyncRoute route, SourceRecord record)
    {
        if (route.VersionField is not null && record.Data[route.VersionField] is JsonValue value)
        {
            return value.ToString();
        }

        return record.Version;
    }
}
