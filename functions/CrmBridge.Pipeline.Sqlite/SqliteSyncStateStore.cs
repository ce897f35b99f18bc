using CrmBridge.Pipeline.State;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>
/// The embedded state store: checkpoints, ledger, cross-references, write echoes, dead letters and sync-log counters
/// as tables of the one SQLite file. Split by concern into partial files.
/// </summary>
internal sealed partial class SqliteSyncStateStore : ISyncStateStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteSyncStateStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _database.EnsureSchemaAsync(cancellationToken);

    public Task<Checkpoint?> GetCheckpointAsync(string system, string entity, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            c => c.Sql("SELECT value, etag, updated_at FROM checkpoints WHERE system = $s AND entity = $e")
                .With("$s", system).With("$e", entity)
                .Row(ReadCheckpoint),
            cancellationToken);

    public Task<Checkpoint?> SaveCheckpointAsync(string system, string entity, string value, string? expectedETag, CancellationToken cancellationToken)
    {
        var saved = new Checkpoint(value, Guid.NewGuid().ToString("N"), _time.GetUtcNow());
        var sql = expectedETag is null
            ? "INSERT INTO checkpoints (system, entity, value, etag, updated_at) VALUES ($s, $e, $v, $t, $u) ON CONFLICT DO NOTHING"
            : "UPDATE checkpoints SET value = $v, etag = $t, updated_at = $u WHERE system = $s AND entity = $e AND etag = $old";
        return _database.WriteAsync(
            c => c.Sql(sql)
                .With("$s", system).With("$e", entity).With("$v", value).With("$t", saved.ETag)
                .With("$u", saved.UpdatedAt.ToText()).With("$old", expectedETag)
                .Exec() == 1 ? saved : null,
            cancellationToken);
    }

    public Task DeleteCheckpointAsync(string system, string entity, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c => c.Sql("DELETE FROM checkpoints WHERE system = $s AND entity = $e").With("$s", system).With("$e", entity).Exec(),
            cancellationToken);

    public async Task<IReadOnlyList<(string System, string Entity, Checkpoint Checkpoint)>> ListCheckpointsAsync(CancellationToken cancellationToken) =>
        await _database.ReadAsync(
            c => c.Sql("SELECT value, etag, updated_at, system, entity FROM checkpoints ORDER BY system, entity")
                .Rows(r => (r.GetString(3), r.GetString(4), ReadCheckpoint(r))),
            cancellationToken).ConfigureAwait(false);

    private static Checkpoint ReadCheckpoint(SqliteDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.Time(2));
}
