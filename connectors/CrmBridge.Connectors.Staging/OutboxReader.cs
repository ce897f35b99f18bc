using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Staging;

/// <summary>
/// ERP → CRM: reads the ERP's outbox by <c>seq &gt; floor</c> with the <see cref="OutboxCursor"/> (identity gaps and late
/// commits tolerated, the overlap re-read) and turns each row of the entity's outbox types into a change whose snapshot is
/// the row's payload plus an <c>_outbox</c> object (seq, type, erpId, businessKey, changeType, occurredAt).
/// The record id is the business key (the bridge's key when the record came from the CRM), else the ERP id.
/// </summary>
internal sealed class OutboxReader(StagingDatabase db, TimeProvider time, ILogger logger)
{
    public async Task<ChangePage> ReadAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        var cursor = OutboxCursor.Parse(checkpoint, db.System, entity);
        var types = JsonSerializer.Serialize(db.Options.OutboxTypesFor(entity));
        var limit = db.Options.OutboxPageSize;
        var rows = await db.RunAsync($"reading the {entity} outbox", (c, ct) => QueryAsync(c, cursor.Safe, limit, types, ct), cancellationToken).ConfigureAwait(false);

        var (next, skippedFrom, skippedTo) = cursor.Advance(rows.Select(r => r.Seq).ToList(), time.GetUtcNow(), db.Options.OverlapWindow);
        if (skippedTo >= skippedFrom)
        {
            StagingConnectorLog.GapSkipped(logger, db.System, skippedFrom, skippedTo);
        }

        var changes = rows.Where(r => r.Wanted).Select(ToChange).ToList();
        var hasMore = rows.Count == limit && next.Safe > cursor.Safe;
        StagingConnectorLog.OutboxRead(logger, db.System, entity, changes.Count, cursor.Safe, next.Safe, next.HasGap);
        return new ChangePage(changes, next.ToString(), hasMore);
    }

    private async Task<List<OutboxRow>> QueryAsync(DbConnection connection, long after, int limit, string types, CancellationToken cancellationToken)
    {
        await using var command = StagingDatabase.Command(connection, db.Dialect.ReadOutbox(db.Tables), ("after", after), ("limit", limit), ("types", types));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }

    private RecordChange ToChange(OutboxRow row)
    {
        var id = string.IsNullOrEmpty(row.BusinessKey) ? row.ErpId : row.BusinessKey;
        var version = row.Seq.ToString(CultureInfo.InvariantCulture);
        if (string.Equals(row.ChangeType, "deleted", StringComparison.OrdinalIgnoreCase))
        {
            return new RecordChange(id, ChangeOperation.Delete, version, null);
        }

        var snapshot = Parse(row) ?? [];
        snapshot["_outbox"] = new JsonObject
        {
            ["seq"] = row.Seq,
            ["type"] = row.EntityType,
            ["erpId"] = row.ErpId,
            ["businessKey"] = row.BusinessKey,
            ["changeType"] = row.ChangeType,
            ["occurredAt"] = row.OccurredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        };
        return new RecordChange(id, ChangeOperation.Upsert, version, snapshot);
    }

    private static JsonObject? Parse(OutboxRow row) =>
        row.Payload is null ? null : JsonNode.Parse(row.Payload) switch
        {
            JsonObject o => o,
            { } other => new JsonObject { ["value"] = other }, // the ERP wrote a scalar or array: keep it, do not fail the feed
            null => null,
        };
}
