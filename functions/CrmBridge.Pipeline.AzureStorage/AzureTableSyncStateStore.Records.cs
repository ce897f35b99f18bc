using Azure.Data.Tables;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// Ledger (partition per route and record), cross-references (partition per record, row per other system and entity,
/// written in both directions) and write echoes (partition per record).
/// </summary>
internal sealed partial class AzureTableSyncStateStore
{
    public Task<LedgerEntry?> GetLedgerAsync(string route, string sourceId, CancellationToken cancellationToken) =>
        RunAsync("read ledger", async () =>
        {
            var row = await FindAsync(_tables.Ledger, TableKeys.Of(route, sourceId), "", cancellationToken).ConfigureAwait(false);
            return row is null ? null : new LedgerEntry(route, sourceId, row.GetString("SourceVersion"), row.GetString("ContentHash"),
                row.GetString("TargetId"), row.GetDateTimeOffset("DeliveredAt") ?? default);
        });

    public Task PutLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken) =>
        RunAsync("write ledger", () =>
        {
            var row = new TableEntity(TableKeys.Of(entry.Route, entry.SourceId), "")
            {
                ["Route"] = entry.Route, ["SourceId"] = entry.SourceId, ["ContentHash"] = entry.ContentHash,
                ["TargetId"] = entry.TargetId, ["DeliveredAt"] = entry.DeliveredAt,
            };
            if (entry.SourceVersion is not null)
            {
                row["SourceVersion"] = entry.SourceVersion;
            }

            return _tables.Ledger.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        });

    public Task DeleteLedgerAsync(string route, string sourceId, CancellationToken cancellationToken) =>
        RunAsync("delete ledger", () => DeleteAsync(_tables.Ledger, TableKeys.Of(route, sourceId), "", default, cancellationToken));

    public Task PutCrossReferenceAsync(CrossReference reference, CancellationToken cancellationToken) =>
        RunAsync("write cross-reference", async () =>
        {
            var left = reference.Left;
            var right = reference.Right;
            var stale = new List<(RecordRef OldPartner, RecordRef Record)>();
            foreach (var (from, to) in new[] { (left, right), (right, left) })
            {
                var old = await FindAsync(_tables.CrossReferences, XrefPartition(from), TableKeys.Of(to.System, to.Entity), cancellationToken).ConfigureAwait(false);
                if (old?.GetString("ToId") is { } oldId && oldId != to.Id)
                {
                    stale.Add((to with { Id = oldId }, from));
                }
            }

            // Not one transaction (different partitions): write the new pair first, then unlink old partners that still
            // point here. A crash in between leaves a stale reverse link that the next put of that record repairs.
            await Task.WhenAll(UpsertXref(left, right, cancellationToken), UpsertXref(right, left, cancellationToken)).ConfigureAwait(false);
            foreach (var (oldPartner, record) in stale)
            {
                var back = await FindAsync(_tables.CrossReferences, XrefPartition(oldPartner), TableKeys.Of(record.System, record.Entity), cancellationToken).ConfigureAwait(false);
                if (back is not null && back.GetString("ToId") == record.Id)
                {
                    await DeleteAsync(_tables.CrossReferences, back.PartitionKey, back.RowKey, back.ETag, cancellationToken).ConfigureAwait(false);
                }
            }
        });

    public Task<string?> FindCrossReferenceAsync(RecordRef from, string otherSystem, string otherEntity, CancellationToken cancellationToken) =>
        RunAsync("read cross-reference", async () =>
        {
            var row = await FindAsync(_tables.CrossReferences, XrefPartition(from), TableKeys.Of(otherSystem, otherEntity), cancellationToken).ConfigureAwait(false);
            return row?.GetString("ToId");
        });

    public Task PutEchoAsync(WriteEcho echo, CancellationToken cancellationToken) =>
        RunAsync("write echo", () =>
        {
            var row = new TableEntity(XrefPartition(echo.Record), "")
            {
                ["System"] = echo.Record.System, ["Entity"] = echo.Record.Entity, ["RecordId"] = echo.Record.Id,
                ["ContentHash"] = echo.ContentHash, ["WrittenAt"] = echo.WrittenAt,
            };
            if (echo.Version is not null)
            {
                row["Version"] = echo.Version;
            }

            return _tables.Echoes.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        });

    public Task<WriteEcho?> GetEchoAsync(RecordRef record, CancellationToken cancellationToken) =>
        RunAsync("read echo", async () =>
        {
            var row = await FindAsync(_tables.Echoes, XrefPartition(record), "", cancellationToken).ConfigureAwait(false);
            return row is null ? null : new WriteEcho(record, row.GetString("Version"), row.GetString("ContentHash"), row.GetDateTimeOffset("WrittenAt") ?? default);
        });

    private static string XrefPartition(RecordRef record) => TableKeys.Of(record.System, record.Entity, record.Id);

    private Task UpsertXref(RecordRef from, RecordRef to, CancellationToken cancellationToken) =>
        _tables.CrossReferences.UpsertEntityAsync(
            new TableEntity(XrefPartition(from), TableKeys.Of(to.System, to.Entity))
            {
                ["FromSystem"] = from.System, ["FromEntity"] = from.Entity, ["FromId"] = from.Id,
                ["ToSystem"] = to.System, ["ToEntity"] = to.Entity, ["ToId"] = to.Id,
            },
            TableUpdateMode.Replace,
            cancellationToken);
}
