using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Ledger, cross-references and write echoes.</summary>
internal sealed partial class SqliteSyncStateStore
{
    public Task<LedgerEntry?> GetLedgerAsync(string route, string sourceId, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            c => c.Sql("SELECT source_version, content_hash, target_id, delivered_at FROM ledger WHERE route = $r AND source_id = $s")
                .With("$r", route).With("$s", sourceId)
                .Row(r => new LedgerEntry(route, sourceId, r.NullableString(0), r.GetString(1), r.GetString(2), r.Time(3))),
            cancellationToken);

    public Task PutLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c => c.Sql("""
                    INSERT OR REPLACE INTO ledger (route, source_id, source_version, content_hash, target_id, delivered_at)
                    VALUES ($r, $s, $v, $h, $t, $d)
                    """)
                .With("$r", entry.Route).With("$s", entry.SourceId).With("$v", entry.SourceVersion).With("$h", entry.ContentHash)
                .With("$t", entry.TargetId).With("$d", entry.DeliveredAt.ToText())
                .Exec(),
            cancellationToken);

    public Task DeleteLedgerAsync(string route, string sourceId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c => c.Sql("DELETE FROM ledger WHERE route = $r AND source_id = $s").With("$r", route).With("$s", sourceId).Exec(),
            cancellationToken);

    public Task PutCrossReferenceAsync(CrossReference reference, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c =>
            {
                // A record re-linked to a new partner must not stay reachable from its old partner.
                Unlink(c, reference.Left, reference.Right);
                Unlink(c, reference.Right, reference.Left);
                Link(c, reference.Left, reference.Right);
                Link(c, reference.Right, reference.Left);
                return true;
            },
            cancellationToken);

    public Task<string?> FindCrossReferenceAsync(RecordRef from, string otherSystem, string otherEntity, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            c => c.Sql("""
                    SELECT to_id FROM cross_references
                    WHERE from_system = $fs AND from_entity = $fe AND from_id = $fi AND to_system = $ts AND to_entity = $te
                    """)
                .With("$fs", from.System).With("$fe", from.Entity).With("$fi", from.Id).With("$ts", otherSystem).With("$te", otherEntity)
                .Row(r => r.GetString(0)),
            cancellationToken);

    public Task PutEchoAsync(WriteEcho echo, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c => c.Sql("""
                    INSERT OR REPLACE INTO write_echoes (system, entity, id, version, content_hash, written_at)
                    VALUES ($s, $e, $i, $v, $h, $w)
                    """)
                .With("$s", echo.Record.System).With("$e", echo.Record.Entity).With("$i", echo.Record.Id)
                .With("$v", echo.Version).With("$h", echo.ContentHash).With("$w", echo.WrittenAt.ToText())
                .Exec(),
            cancellationToken);

    public Task<WriteEcho?> GetEchoAsync(RecordRef record, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            c => c.Sql("SELECT version, content_hash, written_at FROM write_echoes WHERE system = $s AND entity = $e AND id = $i")
                .With("$s", record.System).With("$e", record.Entity).With("$i", record.Id)
                .Row(r => new WriteEcho(record, r.NullableString(0), r.GetString(1), r.Time(2))),
            cancellationToken);

    private static void Link(SqliteConnection connection, RecordRef from, RecordRef to) =>
        connection.Sql("""
                INSERT OR REPLACE INTO cross_references (from_system, from_entity, from_id, to_system, to_entity, to_id)
                VALUES ($fs, $fe, $fi, $ts, $te, $ti)
                """)
            .With("$fs", from.System).With("$fe", from.Entity).With("$fi", from.Id)
            .With("$ts", to.System).With("$te", to.Entity).With("$ti", to.Id)
            .Exec();

    private static void Unlink(SqliteConnection connection, RecordRef from, RecordRef to) =>
        connection.Sql("""
                DELETE FROM cross_references
                WHERE from_system = $ts AND from_entity = $te AND to_system = $fs AND to_entity = $fe AND to_id = $fi
                  AND from_id = (SELECT to_id FROM cross_references
                                 WHERE from_system = $fs AND from_entity = $fe AND from_id = $fi AND to_system = $ts AND to_entity = $te)
                  AND from_id <> $ti
                """)
            .With("$fs", from.System).With("$fe", from.Entity).With("$fi", from.Id)
            .With("$ts", to.System).With("$te", to.Entity).With("$ti", to.Id)
            .Exec();
}
