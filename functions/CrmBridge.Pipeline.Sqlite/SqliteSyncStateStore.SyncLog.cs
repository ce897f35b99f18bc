using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>
/// The sync log as counters: one row per system, entity, route and outcome kind, incremented in one transaction per
/// batch. Counting instead of appending keeps the file small however long the bridge runs.
/// </summary>
internal sealed partial class SqliteSyncStateStore
{
    public Task RecordOutcomesAsync(IReadOnlyList<SyncOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return Task.CompletedTask;
        }

        var groups = outcomes
            .GroupBy(o => (o.System, o.Entity, o.Route, o.Kind))
            .Select(g => (g.Key, Count: g.LongCount(), Last: g.MaxBy(o => o.At.UtcTicks)!.At))
            .ToList();
        return _database.WriteAsync(
            c =>
            {
                foreach (var (key, count, last) in groups)
                {
                    c.Sql("""
                            INSERT INTO sync_stats (system, entity, route, kind, count, last_at, last_utc) VALUES ($s, $e, $r, $k, $n, $at, $utc)
                            ON CONFLICT DO UPDATE SET count = count + excluded.count,
                                last_at = CASE WHEN excluded.last_utc > last_utc THEN excluded.last_at ELSE last_at END,
                                last_utc = max(last_utc, excluded.last_utc)
                            """)
                        .With("$s", key.System).With("$e", key.Entity).With("$r", key.Route).With("$k", (int)key.Kind)
                        .With("$n", count).With("$at", last.ToText()).With("$utc", last.UtcTicks)
                        .Exec();
                }

                return true;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<SyncStat>> GetStatsAsync(CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(
            c => c.Sql("SELECT system, entity, route, kind, count, last_at FROM sync_stats ORDER BY system, entity, route")
                .Rows(r => (System: r.GetString(0), Entity: r.GetString(1), Route: r.GetString(2),
                    Kind: (SyncOutcomeKind)r.GetInt32(3), Count: r.GetInt64(4), LastAt: r.Time(5))),
            cancellationToken).ConfigureAwait(false);
        return rows
            .GroupBy(r => (r.System, r.Entity, r.Route))
            .Select(g => new SyncStat(g.Key.System, g.Key.Entity, g.Key.Route,
                g.ToDictionary(r => r.Kind, r => r.Count), g.MaxBy(r => r.LastAt.UtcTicks).LastAt))
            .ToList();
    }
}
