using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <content>Preparing an envelope: routing, echo and version checks, fetching, mapping and lookups.</content>
public sealed partial class SyncStage
{
    private async Task PrepareAsync(EnvelopeWork work, CancellationToken cancellationToken)
    {
        var envelope = work.Envelope;
        try
        {
            if (work.DequeueCount > _options.MaxDequeueCount)
            {
                work.Failure = StageFailure.Permanent("POISON", $"The message was received {work.DequeueCount} times without completing (the host stopped or crashed while handling it).");
                return;
            }

            var routes = RoutesFor(envelope);
            if (routes.Count == 0)
            {
                if (envelope.Route is not null)
                {
                    work.Failure = StageFailure.Permanent("ROUTE_NOT_FOUND", $"Route '{envelope.Route}' is not in the loaded mappings any more.");
                }
                else
                {
                    PipelineLog.NoRoute(_logger, envelope.System, envelope.Entity, envelope.RecordId, envelope.CorrelationId);
                    work.Outcome = SyncOutcomeKind.Skipped;
                }

                return;
            }

            work.Routes.AddRange(routes.Select(r => new RouteWork(work, r)));
            if (await IsEchoAsync(envelope.Source, envelope.SourceVersion, cancellationToken).ConfigureAwait(false))
            {
                work.Outcome = SyncOutcomeKind.Echo;
                return;
            }

            if (envelope.Operation == ChangeOperation.Delete)
            {
                foreach (var route in work.Routes)
                {
                    await PrepareDeleteAsync(route, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            var record = await ReadSourceAsync(work, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return;
            }

            foreach (var route in work.Routes)
            {
                await PrepareRouteAsync(route, record, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ConnectorException ex)
        {
            work.Failure = StageFailure.From(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            work.Failure = StageFailure.Unexpected(ex);
        }
    }

    private async Task<bool> IsEchoAsync(RecordRef record, string? version, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            return false;
        }

        var echo = await _state.GetEchoAsync(record, cancellationToken).ConfigureAwait(false);
        return echo?.Version is not null && VersionComparer.Instance.Compare(echo.Version, version) == 0;
    }

    private async Task<SourceRecord?> ReadSourceAsync(EnvelopeWork work, CancellationToken cancellationToken)
    {
        var envelope = work.Envelope;
        if (envelope.Snapshot is not null)
        {
            return new SourceRecord(envelope.RecordId, envelope.Snapshot, envelope.SourceVersion);
        }

        var record = await _connectors.Get(envelope.System).GetAsync(envelope.Entity, envelope.RecordId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            // Deleted since the change was detected: its delete event (if the system reports deletes) does the rest.
            PipelineLog.SourceGone(_logger, envelope.System, envelope.Entity, envelope.RecordId, envelope.CorrelationId);
            work.Outcome = SyncOutcomeKind.Skipped;
            return null;
        }

        // The envelope's own version was checked before fetching; read the echo again only when the fetch saw a newer one.
        if (record.Version is not null && record.Version != envelope.SourceVersion
            && await IsEchoAsync(envelope.Source, record.Version, cancellationToken).ConfigureAwait(false))
        {
            work.Outcome = SyncOutcomeKind.Echo;
            return null;
        }

        return record;
    }

    private async Task PrepareRouteAsync(RouteWork work, SourceRecord record, CancellationToken cancellationToken)
    {
        var route = work.Route;
        var version = VersionOf(route, record);
        var ledger = await _state.GetLedgerAsync(route.Name, record.Id, cancellationToken).ConfigureAwait(false);
        if (ledger?.SourceVersion is not null && version is not null && VersionComparer.Instance.Compare(version, ledger.SourceVersion) < 0)
        {
            work.Complete(SyncOutcomeKind.Skipped);
            return;
        }

        var result = await MapAsync(work, record.Data, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case MapStatus.Filtered:
                work.Complete(SyncOutcomeKind.Filtered);
                return;
            case MapStatus.Failed:
                work.Fail(StageFailure.Permanent("MAPPING_FAILED", string.Join("; ", result.Errors.Select(e => e.ToString()))));
                return;
            case MapStatus.MissingLookups:
                return; // MapAsync recorded the deferral or failure.
        }

        var document = result.Document!;
        var key = document[route.TargetKeyField];
        var keyValue = key is JsonValue v ? Convert.ToString(v.GetValue<object>(), CultureInfo.InvariantCulture) : null;
        if (string.IsNullOrEmpty(keyValue))
        {
            work.Fail(StageFailure.Permanent("MISSING_KEY", $"The mapped document has no value in its key field '{route.TargetKeyField}'."));
            return;
        }

        var hash = ContentHasher.Hash(document);
        if (ledger is not null && ledger.ContentHash == hash)
        {
            work.Complete(SyncOutcomeKind.Skipped);
            return;
        }

        document.Remove(route.TargetKeyField);
        work.Document = document;
        work.KeyValue = keyValue;
        work.ContentHash = hash;
        work.SourceVersion = version;
    }

    private static string? VersionOf(SyncRoute route, SourceRecord record)
    {
        if (route.VersionField is not null && record.Data[route.VersionField] is JsonValue value)
        {
            return value.ToString();
        }

        return record.Version;
    }

    private async Task PrepareDeleteAsync(RouteWork work, CancellationToken cancellationToken)
    {
        var route = work.Route;
        var envelope = work.Owner.Envelope;
        if (route.OnDelete == DeleteBehavior.Ignore)
        {
            PipelineLog.DeleteIgnored(_logger, route.Name, envelope.RecordId, envelope.CorrelationId);
            work.Complete(SyncOutcomeKind.Deleted);
            return;
        }

        var targetId = await _state.FindCrossReferenceAsync(envelope.Source, route.TargetSystem, route.TargetEntity, cancellationToken).ConfigureAwait(false);
        if (targetId is not null)
        {
            await _connectors.Get(route.TargetSystem).DeleteAsync(route.TargetEntity, targetId, cancellationToken).ConfigureAwait(false);
        }

        await _state.DeleteLedgerAsync(route.Name, envelope.RecordId, cancellationToken).ConfigureAwait(false);
        work.Complete(SyncOutcomeKind.Deleted);
    }
}
