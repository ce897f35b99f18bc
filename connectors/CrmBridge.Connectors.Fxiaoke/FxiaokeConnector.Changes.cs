using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Change detection by polling <c>last_modified_time</c> from a watermark that never passes the platform's still-open
/// window (its Date header minus <see cref="FxiaokeOptions.ChangeDetectionLag"/>; see <see cref="ChangeWindow"/>). Paging
/// within a poll is by keys, never by offset, so it goes past the platform's 10000-offset limit (10013):
/// <list type="bullet">
/// <item>Phase B: <c>last_modified_time GT cursor</c> (<c>GTE floor</c> when a poll starts) ordered by
/// (<c>last_modified_time</c>, <c>_id</c>), limit 100. Of a full page, only the records before the last timestamp group
/// are returned — whether or not the platform honours the secondary <c>_id</c> order (the docs do not say), that prefix is
/// complete, so nothing at a shared timestamp is skipped.</item>
/// <item>Phase A: when a whole page shares one timestamp, records at exactly that millisecond are drained with
/// <c>last_modified_time EQ t AND _id GT last</c> ordered by <c>_id</c> (the documented deep-paging technique).</item>
/// </list>
/// Invalidated (<c>life_status = invalid</c>) or deleted (<c>is_deleted</c>) records become <see cref="ChangeOperation.Delete"/>.
/// </summary>
internal sealed partial class FxiaokeConnector
{
    private const string ModifiedField = "last_modified_time";

    /// <inheritdoc />
    public async Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        FxiaokeCheckpoint cp;
        try
        {
            cp = FxiaokeCheckpoint.Parse(checkpoint);
        }
        catch (FormatException ex)
        {
            throw new ConnectorException(System, ErrorKind.CheckpointExpired, "INVALID_CHECKPOINT",
                $"fxiaoke: checkpoint of {entity} is not readable ({ex.Message}); resync", innerException: ex);
        }

        DateTimeOffset? serverNow = null;
        void OnDate(DateTimeOffset date) => serverNow ??= date; // the earliest answer of this call bounds what it saw
        var (rows, cursor, afterId, more, phase) = await ReadPageAsync(entity, cp, OnDate, cancellationToken).ConfigureAwait(false);

        var closedBefore = ChangeWindow.ClosedBefore(serverNow ?? _time.GetUtcNow(), _options.ChangeDetectionLag, TimeSpan.FromMilliseconds(1));
        long? lastRead = more ? cursor : rows.Count > 0 ? Time(rows[^1]) : null;
        var window = new ChangeWindow(DateTimeOffset.FromUnixTimeMilliseconds(cp.Floor ?? 0), cp.Open)
            .AfterPage(lastRead is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t) : null, closedBefore, more);
        var next = new FxiaokeCheckpoint(window.Floor.ToUnixTimeMilliseconds(), window.Open, more ? cursor : null, more ? afterId : null);
        return await ToPageAsync(entity, rows, next, more, phase, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(List<JsonObject> Rows, long? Cursor, string? AfterId, bool More, string Phase)> ReadPageAsync(
        string entity, FxiaokeCheckpoint cp, Action<DateTimeOffset> onDate, CancellationToken cancellationToken)
    {
        var page = _options.PageSize;
        var rows = new List<JsonObject>();
        if (cp.DrainingTies)
        {
            var ties = await QueryTiesAsync(entity, cp.Cursor!.Value, cp.AfterId, onDate, cancellationToken).ConfigureAwait(false);
            rows.AddRange(ties);
            if (ties.Count == page)
            {
                return (rows, cp.Cursor, Id(ties[^1]), true, "A");
            }
        }

        var batch = await QueryAfterAsync(entity, cp, onDate, cancellationToken).ConfigureAwait(false);
        if (batch.Count < page)
        {
            rows.AddRange(batch);
            return (rows, null, null, false, "B");
        }

        var last = Time(batch[^1]);
        var complete = batch.TakeWhile(r => Time(r) < last).ToList();
        if (complete.Count > 0)
        {
            rows.AddRange(complete);
            return (rows, Time(complete[^1]), null, true, "B");
        }

        var group = await QueryTiesAsync(entity, last, null, onDate, cancellationToken).ConfigureAwait(false);
        rows.AddRange(group);
        return (rows, last, group.Count == page ? Id(group[^1]) : null, true, "B");
    }

    private static long Time(JsonObject record) => FxiaokeEnvelope.Long(record[ModifiedField]) ?? 0;

    private static string Id(JsonObject record) => FxiaokeEnvelope.String(record["_id"]) ?? string.Empty;

    private async Task<ChangePage> ToPageAsync(string entity, List<JsonObject> rows, FxiaokeCheckpoint next, bool hasMore, string phase, CancellationToken cancellationToken)
    {
        var live = rows.Where(r => !IsDeleted(r)).ToList();
        await AttachDetailsAsync(entity, live, cancellationToken).ConfigureAwait(false);
        var changes = rows.Select(r => IsDeleted(r)
            ? new RecordChange(Id(r), ChangeOperation.Delete, Version(r), null)
            : new RecordChange(Id(r), ChangeOperation.Upsert, Version(r), r)).ToList();
        FxiaokeLog.ChangesPage(_logger, System, entity, changes.Count, phase);
        return new ChangePage(changes, next.ToString(), hasMore);
    }

    private Task<List<JsonObject>> QueryAfterAsync(string entity, FxiaokeCheckpoint cp, Action<DateTimeOffset> onDate, CancellationToken cancellationToken)
    {
        var filters = new List<JsonObject>();
        if (cp.Cursor is { } cursor)
        {
            filters.Add(FxiaokeQuery.Filter(ModifiedField, "GT", Ms(cursor)));
        }
        else if (cp.Floor is { } floor)
        {
            filters.Add(FxiaokeQuery.Filter(ModifiedField, "GTE", Ms(floor)));
        }

        return QueryAsync(entity, filters, [FxiaokeQuery.Order(ModifiedField), FxiaokeQuery.Order("_id")], onDate, cancellationToken);
    }

    private Task<List<JsonObject>> QueryTiesAsync(string entity, long time, string? afterId, Action<DateTimeOffset> onDate, CancellationToken cancellationToken)
    {
        var filters = new List<JsonObject> { FxiaokeQuery.Filter(ModifiedField, "EQ", Ms(time)) };
        if (afterId is not null)
        {
            filters.Add(FxiaokeQuery.Filter("_id", "GT", afterId));
        }

        return QueryAsync(entity, filters, [FxiaokeQuery.Order("_id")], onDate, cancellationToken);
    }

    private async Task<List<JsonObject>> QueryAsync(string entity, List<JsonObject> filters, JsonObject[] orders, Action<DateTimeOffset> onDate, CancellationToken cancellationToken)
    {
        var response = await _client.CallAsync(_api.Path(entity, "query"), FxiaokeQuery.Body(entity, _options.PageSize, filters, orders), onDate, cancellationToken)
            .ConfigureAwait(false);
        return FxiaokeQuery.Records(response);
    }

    private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);
}
