using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>What a delete leaves behind: no cross-reference, a ledger tombstone until retention removes it.</summary>
internal sealed partial class SqliteSyncStateStore
{
    public Task DeleteCrossReferenceAsync(RecordRef from, string otherSystem, string otherEntity, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c =>
            {
                // The reverse row first: it is found through the forward one.
                c.Sql("""
                        DELETE FROM cross_references
                        WHERE from_system = $ts AND from_entity = $te AND to_system = $fs AND to_entity = $fe AND to_id = $fi
                          AND from_id = (SELECT to_id FROM cross_references
                                         WHERE from_system = $fs AND from_entity = $fe AND from_id = $fi AND to_system = $ts AND to_entity = $te)
                        """)
                    .With("$fs", from.System).With("$fe", from.Entity).With("$fi", from.Id).With("$ts", otherSystem).With("$te", otherEntity)
                    .Exec();
                return c.Sql("""
                        DELETE FROM cross_references
                        WHERE from_system = $fs AND from_entity = $fe AND from_id = $fi AND to_system = $ts AND to_entity = $te
                        """)
                    .With("$fs", from.System).With("$fe", from.Entity).With("$fi", from.Id).With("$ts", otherSystem).With("$te", otherEntity)
                    .Exec();
            },
            cancellationToken);

    // delivered_at is ISO 8601 text; tombstones are written in UTC, so the text order is the time order.
    public Task<int> PurgeTombstonesAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c => c.Sql("DELETE FROM ledger WHERE content_hash = $h AND delivered_at < $d")
                .With("$h", LedgerEntry.DeletedHash).With("$d", deletedBefore.ToUniversalTime().ToText())
                .Exec(),
            cancellationToken);
}
