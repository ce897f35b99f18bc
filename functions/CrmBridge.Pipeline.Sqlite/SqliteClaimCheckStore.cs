using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Claim checks as rows of <c>claim_checks</c> in the same file as the queue.</summary>
internal sealed class SqliteClaimCheckStore : IClaimCheckStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteClaimCheckStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task<string> PutAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reference = Guid.NewGuid().ToString("N");
        await _database.WriteAsync(
            c => c.Sql("INSERT INTO claim_checks (ref, payload, created_at) VALUES ($r, $p, $t)")
                .With("$r", reference).With("$p", payload.ToArray()).With("$t", _time.GetUtcNow().ToUnixTimeMilliseconds())
                .Exec(),
            cancellationToken).ConfigureAwait(false);
        return reference;
    }

    public Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            c => c.Sql("SELECT payload FROM claim_checks WHERE ref = $r").With("$r", reference).Row(r => (byte[])r.GetValue(0)),
            cancellationToken);

    public Task DeleteAsync(string reference, CancellationToken cancellationToken) =>
        _database.WriteAsync(c => c.Sql("DELETE FROM claim_checks WHERE ref = $r").With("$r", reference).Exec(), cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset storedBefore, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c => c.Sql("DELETE FROM claim_checks WHERE created_at < $t").With("$t", storedBefore.ToUnixTimeMilliseconds()).Exec(),
            cancellationToken);
}
