using Azure.Data.Tables;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>What a delete leaves behind: no cross-reference, a ledger tombstone until retention removes it.</summary>
internal sealed partial class AzureTableSyncStateStore
{
    public Task DeleteCrossReferenceAsync(RecordRef from, string otherSystem, string otherEntity, CancellationToken cancellationToken) =>
        RunAsync("delete cross-reference", async () =>
        {
            var forward = await FindAsync(_tables.CrossReferences, XrefPartition(from), TableKeys.Of(otherSystem, otherEntity), cancellationToken).ConfigureAwait(false);
            if (forward?.GetString("ToId") is not { } otherId)
            {
                return;
            }

            // The reverse row only if it still points here (it may have been re-linked to another record since).
            var other = new RecordRef(otherSystem, otherEntity, otherId);
            var back = await FindAsync(_tables.CrossReferences, XrefPartition(other), TableKeys.Of(from.System, from.Entity), cancellationToken).ConfigureAwait(false);
            if (back is not null && back.GetString("ToId") == from.Id)
            {
                await DeleteAsync(_tables.CrossReferences, back.PartitionKey, back.RowKey, back.ETag, cancellationToken).ConfigureAwait(false);
            }

            await DeleteAsync(_tables.CrossReferences, forward.PartitionKey, forward.RowKey, forward.ETag, cancellationToken).ConfigureAwait(false);
        });

    public Task<int> PurgeTombstonesAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken) =>
        RunAsync("purge ledger tombstones", async () =>
        {
            var filter = TableClient.CreateQueryFilter($"ContentHash eq {LedgerEntry.DeletedHash} and DeliveredAt lt {deletedBefore}");
            var purged = 0;
            await foreach (var row in _tables.Ledger.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                // With the row's ETag: a restored record's ledger write in between wins.
                if (await DeleteAsync(_tables.Ledger, row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false))
                {
                    purged++;
                }
            }

            return purged;
        });
}
