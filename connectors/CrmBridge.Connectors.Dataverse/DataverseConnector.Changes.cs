using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Change detection. Tables with change tracking: <c>Prefer: odata.track-changes</c>; the checkpoint is the next link
/// (<c>ct:</c> + <c>@odata.nextLink</c> while pages remain, then <c>@odata.deltaLink</c>); deleted rows become deletes;
/// an expired delta token (ExpiredVersionStamp) is <see cref="ErrorKind.CheckpointExpired"/>, on which the poller
/// restarts a full sync (the pipeline's ledger and the ERP's upsert by external id keep that free of duplicates).
/// Tables without change tracking: a <c>modifiedon</c> watermark poll (<see cref="DataverseWatermark"/>) that never passes
/// the second Dataverse's clock is in (<see cref="ChangeWindow"/>).
/// </summary>
internal sealed partial class DataverseConnector
{
    private const string TrackedPrefix = "ct:";

    public async Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        var options = Entity(entity);
        var page = options.ChangeTracking
            ? await TrackedChangesAsync(options, entity, checkpoint, cancellationToken).ConfigureAwait(false)
            : await WatermarkChangesAsync(options, entity, checkpoint, cancellationToken).ConfigureAwait(false);
        DataverseLog.ChangePage(_logger, System, entity, page.Changes.Count, page.HasMore);
        return page;
    }

    private async Task<ChangePage> TrackedChangesAsync(DataverseEntityOptions options, string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not null && !checkpoint.StartsWith(TrackedPrefix, StringComparison.Ordinal))
        {
            throw Expired(entity, "the checkpoint is not a change-tracking link (was the table switched to change tracking?)");
        }

        var select = SelectQuery(options);
        var link = checkpoint?[TrackedPrefix.Length..] ?? $"{options.EntitySet}{(select.Length > 0 ? "?" + select : string.Empty)}";
        var reply = await _http.SendAsync(() => Get(link, "odata.track-changes", $"odata.maxpagesize={_options.PageSize}"), cancellationToken).ConfigureAwait(false);
        // Parsed once: the page is up to PageSize records.
        var parsed = reply.IsSuccess ? reply.Json() : null;
        if (reply.IsSuccess && NoChanges(reply, parsed))
        {
            NoteDeltaToken(entity, link);
            // The documentation: "If no changes have been made ... an empty JSON response" comes back. Nothing changed,
            // so the link just followed stays the checkpoint.
            return new ChangePage([], checkpoint, false);
        }

        if (parsed is not { } body)
        {
            var error = _http.Error(reply, entity);
            if (error.Kind == ErrorKind.CheckpointExpired)
            {
                DataverseLog.CheckpointExpired(_logger, System, entity);
            }

            throw error;
        }

        var changes = new List<RecordChange>();
        var records = new List<JsonObject>();
        foreach (var item in body["value"]?.AsArray() ?? [])
        {
            if (item is not JsonObject row)
            {
                continue;
            }

            if (row["@odata.context"]?.ToString().Contains("$deletedEntity", StringComparison.Ordinal) == true)
            {
                changes.Add(new RecordChange(row["id"]!.ToString(), ChangeOperation.Delete, null, null));
                continue;
            }

            Clean(row);
            records.Add(row);
            changes.Add(new RecordChange(row[options.IdField]!.ToString(), ChangeOperation.Upsert, VersionOf(row["@odata.etag"]?.ToString()), row));
        }

        await AttachLinesAsync(options, entity, records, cancellationToken).ConfigureAwait(false);
        var next = body["@odata.nextLink"]?.ToString();
        var delta = body["@odata.deltaLink"]?.ToString();
        var resume = next ?? delta ?? throw new ConnectorException(System, ErrorKind.Transient, "NO_DELTA_LINK", $"{System}: the change page of '{entity}' had neither a next nor a delta link.");
        if (delta is not null)
        {
            NoteDeltaToken(entity, delta);
        }

        return new ChangePage(changes, TrackedPrefix + Relative(resume), next is not null);
    }

    private void NoteDeltaToken(string entity, string link)
    {
        if (DataverseDeltaToken.IssuedAt(link) is { } issued)
        {
            _health?.ChangeToken(entity, issued, issued + _options.ChangeTrackingTokenLifetime);
        }
    }

    private async Task<ChangePage> WatermarkChangesAsync(DataverseEntityOptions options, string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        DataverseWatermark state;
        try
        {
            state = checkpoint is null || DataverseWatermark.IsWatermark(checkpoint) ? DataverseWatermark.Parse(checkpoint) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw Expired(entity, "the checkpoint is not a modifiedon watermark (was change tracking turned off for the table?)");
        }

        // modifiedon has one-second resolution: within a poll, rows sharing a second are paged by id; across polls the
        // watermark never passes the second Dataverse is in (ChangeWindow), so a later edit in it is read next time.
        var id = options.IdField;
        var filter = state switch
        {
            { Cursor: { } c, CursorId: { } after } => $"modifiedon gt {Iso(c)} or (modifiedon eq {Iso(c)} and {id} gt {after})",
            { Floor: { } f } => $"modifiedon ge {Iso(f)}",
            _ => null,
        };
        var select = SelectQuery(options, "modifiedon");
        var query = string.Join('&', new[]
        {
            select,
            filter is null ? string.Empty : "$filter=" + Uri.EscapeDataString(filter),
            "$orderby=" + Uri.EscapeDataString($"modifiedon asc,{id} asc"),
        }.Where(p => p.Length > 0));
        var link = $"{options.EntitySet}?{query}";
        var reply = await _http.SendAsync(() => Get(link, $"odata.maxpagesize={_options.PageSize}"), cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess || reply.Json() is not { } body)
        {
            throw _http.Error(reply, entity);
        }

        var records = (body["value"]?.AsArray() ?? []).OfType<JsonObject>().Select(Clean).ToList();
        await AttachLinesAsync(options, entity, records, cancellationToken).ConfigureAwait(false);
        var changes = records.Select(r => new RecordChange(r[id]!.ToString(), ChangeOperation.Upsert, VersionOf(r["@odata.etag"]?.ToString()), r)).ToList();
        var last = records.LastOrDefault();
        var lastTime = last is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(last["modifiedon"]!.ToString(), CultureInfo.InvariantCulture);
        var more = body["@odata.nextLink"] is not null && last is not null;
        var serverNow = DateTimeOffset.TryParse(reply.Header("Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : _time.GetUtcNow();
        var window = new ChangeWindow(state.Floor ?? DateTimeOffset.UnixEpoch, state.Open)
            .AfterPage(lastTime, ChangeWindow.ClosedBefore(serverNow, _options.WatermarkLag, TimeSpan.FromSeconds(1)), more);
        var next = new DataverseWatermark(window.Floor, window.Open, more ? lastTime : null, more ? last![id]!.ToString() : null);
        return new ChangePage(changes, next.ToString(), more);
    }

    private static bool NoChanges(ConnectorReply reply, JsonObject? body) =>
        reply.IsBlank
        || body is not null && body["value"] is null && body["@odata.nextLink"] is null && body["@odata.deltaLink"] is null;

    private ConnectorException Expired(string entity, string why)
    {
        DataverseLog.CheckpointExpired(_logger, System, entity);
        return new ConnectorException(System, ErrorKind.CheckpointExpired, "CHECKPOINT_MISMATCH", $"{System}: {why}");
    }

    private static string Iso(DateTimeOffset time) => DataverseWatermark.Iso(time);
}
