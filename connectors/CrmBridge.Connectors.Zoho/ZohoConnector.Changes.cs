using System.Globalization;
using System.Text.Json.Nodes;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>Change detection: a full scan (page, then page_token past 2000) followed by a COQL keyset on (Modified_Time, id).</summary>
internal sealed partial class ZohoConnector
{
    private const int DiscretePagingLimit = 2000;

    /// <inheritdoc />
    public async Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        var module = Module(entity);
        var state = checkpoint is null ? new ZohoCheckpoint() : ZohoCheckpoint.Parse(checkpoint, System);
        return state.Mode == "inc"
            ? await IncrementalAsync(module, state, cancellationToken).ConfigureAwait(false)
            : await FullScanAsync(module, state, cancellationToken).ConfigureAwait(false);
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

        var start = state.Start ?? FormatTime((response.ServerDate ?? _time.GetUtcNow()).AddSeconds(-1));
        var page = (response.Body?["data"] as JsonArray ?? []).OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()).ToList();
        var records = page.Where(r => Text(r["id"]) is not null).ToDictionary(r => Text(r["id"])!, StringComparer.Ordinal);
        if (module.FieldChunks.Count > 1 && records.Count > 0)
        {
            records = await FetchByIdsAsync(module, [.. records.Keys], 1, records, cancellationToken).ConfigureAwait(false);
        }

        var startTime = ParseTime(start);
        var seen = state.Seen.ToList();
        var changes = new List<RecordChange>(records.Count);
        foreach (var record in page.Select(r => records.GetValueOrDefault(Text(r["id"]) ?? string.Empty)).OfType<JsonObject>())
        {
            var id = Text(record["id"])!;
            var version = Text(record["Modified_Time"]);
            changes.Add(new RecordChange(id, ChangeOperation.Upsert, version, record));
            if (version is not null && ParseTime(version) >= startTime)
            {
                seen.Add($"{id}@{version}");
            }
        }

        var info = response.Body?["info"];
        if (info?["more_records"]?.GetValue<bool>() == true)
        {
            var next = state with { Page = state.Page + 1, PageToken = Text(info["next_page_token"]), Start = start, Seen = seen };
            return new ChangePage(changes, next.Serialize(), true);
        }

        // The scan is complete: continue incrementally from when it started, to catch what changed meanwhile.
        var incremental = new ZohoCheckpoint { Mode = "inc", Watermark = start, Seen = seen };
        return new ChangePage(changes, incremental.Serialize(), true);
    }

    private async Task<ChangePage> IncrementalAsync(ZohoModule module, ZohoCheckpoint state, CancellationToken cancellationToken)
    {
        var size = _options.PageSize;
        var rows = new List<(string Id, string Version)>();
        var more = false;
        if (state.AfterId is { } after)
        {
            // The rest of the watermark's second, after the last id returned.
            var (tied, _) = await CoqlAsync($"select id, Modified_Time from {module.ApiName} where Modified_Time = '{state.Watermark}' and id > {after} order by id asc limit {size}", cancellationToken).ConfigureAwait(false);
            rows.AddRange(tied);
            more = tied.Count >= size;
        }

        if (rows.Count < size)
        {
            var op = state.AfterId is null ? ">=" : ">";
            var (later, hasMore) = await CoqlAsync($"select id, Modified_Time from {module.ApiName} where Modified_Time {op} '{state.Watermark}' order by Modified_Time asc, id asc limit {size - rows.Count}", cancellationToken).ConfigureAwait(false);
            rows.AddRange(later);
            more = hasMore;
        }

        if (rows.Count == 0)
        {
            return new ChangePage([], state.Serialize(), false);
        }

        var seen = new HashSet<string>(state.Seen, StringComparer.Ordinal);
        var wanted = rows.Where(r => !seen.Contains($"{r.Id}@{r.Version}")).Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
        var records = wanted.Count == 0 ? [] : await FetchByIdsAsync(module, wanted, 0, null, cancellationToken).ConfigureAwait(false);
        var changes = new List<RecordChange>(records.Count);
        foreach (var (id, rowVersion) in rows)
        {
            if (seen.Contains($"{id}@{rowVersion}") || !records.Remove(id, out var record))
            {
                continue; // already returned, or deleted since the query
            }

            var version = Text(record["Modified_Time"]) ?? rowVersion;
            changes.Add(new RecordChange(id, ChangeOperation.Upsert, version, record));
            seen.Add($"{id}@{version}");
        }

        var (lastId, lastVersion) = rows[^1];
        var watermark = ParseTime(lastVersion);
        var keep = seen.Where(s => ParseTime(s[(s.IndexOf('@', StringComparison.Ordinal) + 1)..]) >= watermark).ToList();
        var next = new ZohoCheckpoint { Mode = "inc", Watermark = lastVersion, AfterId = lastId, Seen = keep };
        return new ChangePage(changes, next.Serialize(), more);
    }

    private async Task<(List<(string Id, string Version)> Rows, bool More)> CoqlAsync(string query, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["select_query"] = query }.ToJsonString();
        var response = await _api.SendAsync(Method.Post, "coql", r => r.AddStringBody(body, DataFormat.Json), false, cancellationToken).ConfigureAwait(false);
        var rows = (response.Body?["data"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => (Id: Text(r["id"]), Version: Text(r["Modified_Time"])))
            .Where(r => r.Id is not null && r.Version is not null)
            .Select(r => (r.Id!, r.Version!))
            .ToList();
        return (rows, response.Body?["info"]?["more_records"]?.GetValue<bool>() == true);
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new ConnectorException(System, ErrorKind.Permanent, "BAD_MODIFIED_TIME", $"{System}: unparseable Modified_Time in a change page.");
}
