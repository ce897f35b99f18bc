namespace CrmBridge.Pipeline.Sqlite;

/// <summary>The schema of the one SQLite file: queue, claim checks and state. Every statement is idempotent.</summary>
internal static class SqliteSchema
{
    /// <summary>The DDL, run once per process by <see cref="SqliteDatabase"/>.</summary>
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS queue_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            queue TEXT NOT NULL,
            body TEXT NOT NULL,
            visible_at INTEGER NOT NULL,
            enqueued_at INTEGER NOT NULL,
            dequeue_count INTEGER NOT NULL DEFAULT 0,
            receipt TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_queue_messages_visible ON queue_messages (queue, visible_at, id);

        CREATE TABLE IF NOT EXISTS claim_checks (
            ref TEXT PRIMARY KEY,
            payload BLOB NOT NULL,
            created_at INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS checkpoints (
            system TEXT NOT NULL, entity TEXT NOT NULL,
            value TEXT NOT NULL, etag TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (system, entity));

        CREATE TABLE IF NOT EXISTS record_leases (
            system TEXT NOT NULL, entity TEXT NOT NULL, record_id TEXT NOT NULL, owner TEXT NOT NULL, until INTEGER NOT NULL,
            PRIMARY KEY (system, entity, record_id));

        CREATE TABLE IF NOT EXISTS ledger (
            route TEXT NOT NULL, source_id TEXT NOT NULL,
            source_version TEXT NULL, content_hash TEXT NOT NULL, target_id TEXT NOT NULL, delivered_at TEXT NOT NULL,
            PRIMARY KEY (route, source_id));

        CREATE TABLE IF NOT EXISTS cross_references (
            from_system TEXT NOT NULL, from_entity TEXT NOT NULL, from_id TEXT NOT NULL,
            to_system TEXT NOT NULL, to_entity TEXT NOT NULL, to_id TEXT NOT NULL,
            PRIMARY KEY (from_system, from_entity, from_id, to_system, to_entity));

        CREATE TABLE IF NOT EXISTS write_echoes (
            system TEXT NOT NULL, entity TEXT NOT NULL, id TEXT NOT NULL,
            version TEXT NULL, content_hash TEXT NOT NULL, written_at TEXT NOT NULL,
            PRIMARY KEY (system, entity, id));

        CREATE TABLE IF NOT EXISTS dead_letters (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            system TEXT NOT NULL, entity TEXT NOT NULL, record_id TEXT NOT NULL,
            route TEXT NULL, route_key TEXT NOT NULL,
            status INTEGER NOT NULL, error_code TEXT NOT NULL, reason TEXT NOT NULL,
            failed_at TEXT NOT NULL, failed_utc INTEGER NOT NULL, occurrences INTEGER NOT NULL,
            envelope TEXT NOT NULL, attempts TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_dead_letters_open ON dead_letters (system, entity, record_id, route_key) WHERE status = 0;
        CREATE INDEX IF NOT EXISTS ix_dead_letters_failed ON dead_letters (failed_utc DESC);

        CREATE TABLE IF NOT EXISTS sync_stats (
            system TEXT NOT NULL, entity TEXT NOT NULL, route TEXT NOT NULL, kind INTEGER NOT NULL,
            count INTEGER NOT NULL, last_at TEXT NOT NULL, last_utc INTEGER NOT NULL,
            PRIMARY KEY (system, entity, route, kind));
        """;
}
