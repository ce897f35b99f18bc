using CrmBridge.Connectors;
using System.Text.Json;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Dead letters: one row each; a partial unique index keeps one open letter per source record and route.</summary>
internal sealed partial class SqliteSyncStateStore
{
    private const string DeadLetterColumns =
        "id, route, status, error_code, reason, failed_at, occurrences, envelope, attempts";

    public Task<string> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var envelope = deadLetter.Envelope;

        // The upsert's conflict target is the partial index: only an OPEN letter for the same record and route is updated.
        return _database.WriteAsync(
            c => c.Sql("""
                    INSERT INTO dead_letters (id, system, entity, record_id, route, route_key, status, error_code, reason,
                                              failed_at, failed_utc, occurrences, envelope, attempts)
                    VALUES ($id, $s, $e, $r, $route, $rk, 0, $code, $reason, $at, $utc, 1, $env, $att)
                    ON CONFLICT (system, entity, record_id, route_key) WHERE status = 0 DO UPDATE SET
                        error_code = excluded.error_code, reason = excluded.reason, failed_at = excluded.failed_at,
                        failed_utc = excluded.failed_utc, occurrences = occurrences + 1,
                        envelope = excluded.envelope, attempts = excluded.attempts
                    RETURNING id
                    """)
                .With("$id", Guid.NewGuid().ToString("N")[..16]).With("$s", envelope.System).With("$e", envelope.Entity)
                .With("$r", envelope.RecordId).With("$route", deadLetter.Route).With("$rk", RouteKey(deadLetter.Route))
                .With("$code", deadLetter.ErrorCode).With("$reason", deadLetter.Reason)
                .With("$at", deadLetter.FailedAt.ToText()).With("$utc", deadLetter.FailedAt.UtcTicks)
                .With("$env", EnvelopeCodec.Serialize(envelope))
                .With("$att", JsonSerializer.Serialize(deadLetter.Attempts, EnvelopeCodec.JsonOptions))
                .Row(r => r.GetString(0))!,
            cancellationToken);
    }

    public Task<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            c => c.Sql($"SELECT {DeadLetterColumns} FROM dead_letters WHERE id = $id").With("$id", id).Row(ReadDeadLetter),
            cancellationToken);

    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken) =>
        await _database.ReadAsync(
            c => c.Sql($"""
                    SELECT {DeadLetterColumns} FROM dead_letters
                    WHERE ($status IS NULL OR status = $status) AND ($s IS NULL OR system = $s) AND ($e IS NULL OR entity = $e)
                    ORDER BY failed_utc DESC, seq DESC LIMIT $limit
                    """)
                .With("$status", (int?)query.Status).With("$s", query.System).With("$e", query.Entity)
                .With("$limit", Math.Max(0, query.Limit))
                .Rows(ReadDeadLetter),
            cancellationToken).ConfigureAwait(false);

    public Task<bool> SetDeadLetterStatusAsync(string id, DeadLetterStatus status, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c => c.Sql("UPDATE dead_letters SET status = $status WHERE id = $id").With("$status", (int)status).With("$id", id).Exec() == 1,
            cancellationToken);

    public Task<int> ResolveDeadLettersAsync(IReadOnlyCollection<(RecordRef Source, string Route)> delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        if (delivered.Count == 0)
        {
            return Task.FromResult(0);
        }

        // One statement per record on the partial index of open letters; all of them in one write (one commit).
        return _database.WriteAsync(
            c =>
            {
                var closed = 0;
                foreach (var (source, route) in delivered)
                {
                    closed += c.Sql("""
                            UPDATE dead_letters SET status = $resolved
                            WHERE system = $s AND entity = $e AND record_id = $r AND route_key IN ($rk, '') AND status = 0
                            """)
                        .With("$resolved", (int)DeadLetterStatus.Resolved).With("$s", source.System).With("$e", source.Entity)
                        .With("$r", source.Id).With("$rk", RouteKey(route))
                        .Exec();
                }

                return closed;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetterCount>> CountOpenDeadLettersAsync(CancellationToken cancellationToken) =>
        await _database.ReadAsync(
            c => c.Sql("SELECT system, entity, route, COUNT(*) FROM dead_letters WHERE status = 0 GROUP BY system, entity, route_key")
                .Rows(r => new DeadLetterCount(r.GetString(0), r.GetString(1), r.NullableString(2), r.GetInt32(3))),
            cancellationToken).ConfigureAwait(false);

    public Task<int> PurgeDeadLettersAsync(DateTimeOffset failedBefore, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            c => c.Sql("DELETE FROM dead_letters WHERE failed_utc < $utc AND (status <> 0 OR error_code IN ($rejected, $poison))")
                .With("$utc", failedBefore.UtcTicks).With("$rejected", DeadLetterCodes.RejectedInput).With("$poison", DeadLetterCodes.Poison)
                .Exec(),
            cancellationToken);

    // NULL (failed before routing) and "" are different routes; the prefix keeps them apart inside a NOT NULL key column.
    private static string RouteKey(string? route) => route is null ? "" : "r:" + route;

    private static DeadLetter ReadDeadLetter(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Route = reader.NullableString(1),
        Status = (DeadLetterStatus)reader.GetInt32(2),
        ErrorCode = reader.GetString(3),
        Reason = reader.GetString(4),
        FailedAt = reader.Time(5),
        Occurrences = reader.GetInt32(6),
        Envelope = EnvelopeCodec.Deserialize(reader.GetString(7)),
        Attempts = JsonSerializer.Deserialize<List<AttemptNote>>(reader.GetString(8), EnvelopeCodec.JsonOptions) ?? [],
    };
}
