using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Change detection by polling <c>last_modified_time</c>. Paging is by keys, never by offset, so it goes past the platform's
/// 10000-offset limit (10013) without special casing:
/// <list type="bullet">
/// <item>Phase B: <c>last_modified_time GT t</c> ordered by (<c>last_modified_time</c>, <c>_id</c>), limit 100. Of a full
/// page, only the records before the last timestamp group are returned — whether or not the platform honours the secondary
/// <c>_id</c> order (the docs do not say), that prefix is complete, so nothing at a shared timestamp is skipped.</item>
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

        var page = _options.PageSize;
        var rows = new List<JsonObject>();
        FxiaokeCheckpoint next;
        bool hasMore;
        if (cp.DrainingTies)
        {
            var ties = await QueryTiesAsync(entity, cp.Time!.Value, cp.AfterId, cancellationToken).ConfigureAwait(false);
            rows.AddRange(ties);
            if (ties.Count == page)
            {
                return await ToPageAsync(entity, rows, new FxiaokeCheckpoint(cp.Time, Id(ties[^1])), true, "A", cancellationToken).ConfigureAwait(false);
            }

            cp = new FxiaokeCheckpoint(cp.Time, null);
        }

        var batch = await QueryAfterAsync(entity, cp.Time, cancellationToken).ConfigureAwait(false);
        if (batch.Count < page)
        {
            rows.AddRange(batch);
            next = batch.Count > 0 ? new FxiaokeCheckpoint(Time(batch[^1]), null) : cp;
            hasMore = false;
        }
        else
        {
            var last = Time(batch[^1]);
            var complete = batch.TakeWhile(r => Time(r) < last).ToList();
            if (complete.Count > 0)
            {
                rows.AddRange(complete);
                next = new FxiaokeCheckpoint(Time(complete[^1]), null);
            }
            else
            {
                var ties = await QueryTiesAsync(entity, last, null, cancellationToken).ConfigureAwait(false);
                rows.AddRange(ties);
                next = new FxiaokeCheckpoint(last, ties.Count == page ? Id(ties[^1]) : null);
            }

            hasMore = true;
        }

        return await ToPageAsync(entity, rows, next, hasMore, "B", cancellationToken).ConfigureAwait(false);
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

    private Task<List<JsonObject>> QueryAfterAsync(string entity, long? after, CancellationToken cancellationToken)
    {
        var filters = new List<JsonObject>();
        if (after is { } t)
        {
            filters.Add(FxiaokeQuery.Filter(ModifiedField, "GT", Ms(t)));
        }

        AddLag(filters);
        return QueryAsync(entity, filters, [FxiaokeQuery.Order(ModifiedField), FxiaokeQuery.Order("_id")], cancellationToken);
    }

    private Task<List<JsonObject>> QueryTiesAsync(string entity, long time, string? afterId, CancellationToken cancellationToken)
    {
        var filters = new List<JsonObject> { FxiaokeQuery.Filter(ModifiedField, "EQ", Ms(time)) };
        if (afterId is not null)
        {
            filters.Add(FxiaokeQuery.Filter("_id", "GT", afterId));
        }

        return QueryAsync(entity, filters, [FxiaokeQuery.Order("_id")], cancellationToken);
    }

    private void AddLag(List<JsonObject> filters)
    {
        if (_options.ChangeDetectionLag > TimeSpan.Zero)
        {
            var upper = (_time.GetUtcNow() - _options.ChangeDetectionLag).ToUnixTimeMilliseconds();
            filters.Add(FxiaokeQuery.Filter(ModifiedField, "LT", Ms(upper)));
        }
    }

    private async Task<List<JsonObject>> QueryAsync(string entity, List<JsonObject> filters, JsonObject[] orders, CancellationToken cancellationToken)
    {
        var response = await _client.CallAsync(_api.Path(entity, "query"), FxiaokeQuery.Body(entity, _options.PageSize, filters, orders), cancellationToken)
            .ConfigureAwait(false);
        return FxiaokeQuery.Records(response);
    }

    private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);
}
