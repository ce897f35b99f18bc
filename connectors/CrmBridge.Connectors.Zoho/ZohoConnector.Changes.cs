using System.Globalization;
using System.Text.Json.Nodes;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Change detection: a full scan (page, then page_token past 2000) followed by COQL polls from a watermark that never
/// passes Zoho's still-open second (<see cref="ChangeWindow"/>), paged by a keyset on (Modified_Time, id); each poll
/// ends with the deleted-records read (ZohoConnector.Deletions.cs). Versions the scan read final are not fetched again
/// by the polls after it (<see cref="ZohoKnownVersions"/>), and a poll with closed records to return leaves the open
/// window's records to a later poll (docs/zoho.md, "From the scan to the polls").
/// </summary>
internal sealed partial class ZohoConnector
{
    private const int DiscretePagingLimit = 2000;

    /// <inheritdoc />
    public async Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        var module = Module(entity);
        var state = checkpoint is null ? new ZohoCheckpoint() : ZohoCheckpoint.Parse(checkpoint, System);
        if (state.Mode != "inc")
        {
            return await FullScanAsync(module, state, cancellationToken).ConfigureAwait(false);
        }

        if (state.DeletedPage > 0)
        {
            // The deletion read of this poll is paging: continue it (the change poll of this cycle is done).
            return await DeletionsAsync(module, state, [], cancellationToken).ConfigureAwait(false);
        }

        var (changes, next, more) = await IncrementalAsync(module, state, cancellationToken).ConfigureAwait(false);
        return more || !_options.PollDeletions
            ? new ChangePage(changes, next.Serialize(), more)
            : await DeletionsAsync(module, next, changes, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChangePage> FullScanAsync(ZohoModule module, ZohoCheckpoint state, CancellationToken cancellationToken)
    {
        // Discrete pages reach record 2000 at most; beyond that Zoho requires the page_token of the previous page.
        var useToken = state.Page * _options.PageSize > DiscretePagingLimit;
        if (useToken && state.PageToken is null)
        {
            throw new ConnectorException(System, ErrorKind.CheckpointExpired, "PAGE_TOKEN_MISSING", $"{System}: the scan of {module.Entity} cannot continue past 2000 records without a page_token.");
        }

        ZohoResponse response;
        try
        {
            response = await _api.SendAsync(Method.Get, module.ApiName, r =>
            {
                r.AddQueryParameter("fields", module.FieldChunks[0]);
                r.AddQueryParameter("per_page", _options.PageSize.ToString(CultureInfo.InvariantCulture));
                r.AddQueryParameter("sort_by", "id");
                r.AddQueryParameter("sort_order", "asc");
                r.AddQueryParameter(useToken ? "page_token" : "page", useToken ? state.PageToken! : state.Page.ToString(CultureInfo.InvariantCulture));
            }, false, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (useToken && ex.ErrorCode == "INVALID_DATA")
        {
            throw new ConnectorException(System, ErrorKind.CheckpointExpired, "PAGE_TOKEN_EXPIRED", $"{System}: the page_token of the {module.Entity} scan expired; a full resync is needed.", ex.HttpStatus, null, ex);
        }

        // Whatever changes from the scan's open window on is read again by the incremental polls that follow.
        var closedBefore = ClosedBefore(response);
        var start = state.Start ?? FormatTime(closedBefore);
        var page = (response.Body?["data"] as JsonArray ?? []).OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()).ToList();
        var records = page.Where(r => Text(r["id"]) is not null).ToDictionary(r => Text(r["id"])!, StringComparer.Ordinal);
        if (module.FieldChunks.Count > 1 && records.Count > 0)
        {
            records = await FetchByIdsAsync(module, [.. records.Keys], 1, records, cancellationToken).ConfigureAwait(false);
        }

        var changes = page.Select(r => records.GetValueOrDefault(Text(r["id"]) ?? string.Empty)).OfType<JsonObject>()
            .Select(r => new RecordChange(Text(r["id"])!, ChangeOperation.Upsert, Text(r["Modified_Time"]), r))
            .ToList();

        var known = KnownAfterPage(state.Known, ParseTime(start), closedBefore, changes);
        var info = response.Body?["info"];
        if (info?["more_records"]?.GetValue<bool>() == true)
        {
            var next = state with { Page = state.Page + 1, PageToken = Text(info["next_page_token"]), Start = start, Known = known };
            return new ChangePage(changes, next.Serialize(), true);
        }

        // The scan is complete: continue incrementally from when it started, to catch what changed meanwhile; the
        // versions it read final are not fetched again when those polls list them.
        var incremental = new ZohoCheckpoint { Mode = "inc", Watermark = start, DeletedFloor = start, Known = known };
        return new ChangePage(changes, incremental.Serialize(), true);
    }

    private async Task<(List<RecordChange> Changes, ZohoCheckpoint Next, bool More)> IncrementalAsync(ZohoModule module, ZohoCheckpoint state, CancellationToken cancellationToken)
    {
        var size = _options.PageSize;
        var rows = new List<(string Id, string Version)>();
        var more = false;
        DateTimeOffset? closedBefore = null;
        if (state is { Cursor: { } cursor, CursorId: { } after })
        {
            // The rest of the cursor's second within this poll, after the last id returned.
            var tied = await CoqlAsync($"select id, Modified_Time from {module.ApiName} where Modified_Time = '{cursor}' and id > {after} order by id asc limit {size}", cancellationToken).ConfigureAwait(false);
            rows.AddRange(tied.Rows);
            more = tied.Rows.Count >= size; // a full page of ties: later seconds come on the next page
            closedBefore = tied.ClosedBefore;
        }

        if (rows.Count < size)
        {
            var from = state.Cursor is { } c ? $"> '{c}'" : $">= '{state.Watermark}'";
            var later = await CoqlAsync($"select id, Modified_Time from {module.ApiName} where Modified_Time {from} order by Modified_Time asc, id asc limit {size - rows.Count}", cancellationToken).ConfigureAwait(false);
            rows.AddRange(later.Rows);
            more = later.More;
            closedBefore ??= later.ClosedBefore;
        }

        var edge = closedBefore!.Value;
        if (!state.Open && (state.Cursor is not null || rows.Any(r => ParseTime(r.Version) < edge)))
        {
            // The poll has closed records to return: those of the open window wait for a later poll, when they are final,
            // instead of being read now and again then. (A poll that finds only open records reads them at once.)
            var closed = rows.TakeWhile(r => ParseTime(r.Version) < edge).ToList();
            more &= closed.Count == rows.Count;
            rows = closed;
        }

        // Versions the scan returned final are listed again (the polls start where the scan started): not fetched twice.
        var known = ZohoKnownVersions.Parse(state.Known);
        var wanted = rows.Where(r => !known.Contains(r.Id, ParseTime(r.Version))).Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
        var records = wanted.Count == 0 ? [] : await FetchByIdsAsync(module, wanted, 0, null, cancellationToken).ConfigureAwait(false);
        var changes = new List<RecordChange>(records.Count);
        foreach (var (id, rowVersion) in rows)
        {
            if (records.Remove(id, out var record))
            {
                // Deleted since the query when absent. The read may see a newer edit than the query did: either way it is the latest.
                changes.Add(new RecordChange(id, ChangeOperation.Upsert, Text(record["Modified_Time"]) ?? rowVersion, record));
            }
        }

        var window = new ChangeWindow(ParseTime(state.Watermark!), state.Open)
            .AfterPage(rows.Count == 0 ? null : ParseTime(rows[^1].Version), edge, more);
        known.DropBefore(window.Floor);
        // The deletion floor moves on its own; a checkpoint from before deletions were polled starts them at its watermark.
        var next = new ZohoCheckpoint
        {
            Mode = "inc", Watermark = FormatTime(window.Floor), Open = window.Open, DeletedFloor = state.DeletedFloor ?? state.Watermark, Known = known.Pack(),
        };
        if (more && rows.Count > 0)
        {
            next = next with { Cursor = rows[^1].Version, CursorId = rows[^1].Id };
        }

        return (changes, next, more && rows.Count > 0);
    }

    /// <summary>Adds a scan page's versions at or after the scan's start that were final when read (before the page's closed edge).</summary>
    private static string? KnownAfterPage(string? packed, DateTimeOffset start, DateTimeOffset closedBefore, IEnumerable<RecordChange> changes)
    {
        var known = ZohoKnownVersions.Parse(packed);
        foreach (var change in changes)
        {
            if (TryParseTime(change.Version, out var modified) && modified >= start && modified < closedBefore)
            {
                known.Add(change.Id, modified);
            }
        }

        return known.Pack();
    }

    private async Task<(List<(string Id, string Version)> Rows, bool More, DateTimeOffset ClosedBefore)> CoqlAsync(string query, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["select_query"] = query }.ToJsonString();
        var response = await _api.SendAsync(Method.Post, "coql", r => r.AddStringBody(body, DataFormat.Json), false, cancellationToken).ConfigureAwait(false);
        var rows = (response.Body?["data"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => (Id: Text(r["id"]), Version: Text(r["Modified_Time"])))
            .Where(r => r.Id is not null && r.Version is not null)
            .Select(r => (r.Id!, r.Version!))
            .ToList();
        return (rows, response.Body?["info"]?["more_records"]?.GetValue<bool>() == true, ClosedBefore(response));
    }

    /// <summary>The start of Zoho's open window when it answered: its clock (Date header) minus the overlap, to the second.</summary>
    private DateTimeOffset ClosedBefore(ZohoResponse response) =>
        ChangeWindow.ClosedBefore(response.ServerDate ?? _time.GetUtcNow(), _options.ChangeOverlap, TimeSpan.FromSeconds(1));

    private static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    private DateTimeOffset ParseTime(string text) =>
        TryParseTime(text, out var time)
            ? time
            : throw new ConnectorException(System, ErrorKind.Permanent, "BAD_MODIFIED_TIME", $"{System}: unparseable Modified_Time in a change page.");
}
