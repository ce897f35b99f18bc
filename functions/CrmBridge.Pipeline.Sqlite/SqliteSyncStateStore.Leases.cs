using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Record leases: one row per leased source record; all of a batch's leases in one write (one commit).</summary>
internal sealed partial class SqliteSyncStateStore
{
    public async Task<IReadOnlySet<RecordRef>> TryAcquireLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return new HashSet<RecordRef>();
        }

        var now = _time.GetUtcNow();
        return await _database.WriteAsync(
            c =>
            {
                var acquired = new HashSet<RecordRef>();
                foreach (var record in records.Distinct())
                {
                    // The upsert only takes over a lease that expired or is ours already; otherwise it changes nothing.
                    var changed = c.Sql("""
                            INSERT INTO record_leases (system, entity, record_id, owner, until) VALUES ($s, $e, $r, $o, $u)
                            ON CONFLICT (system, entity, record_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
                            WHERE record_leases.until <= $now OR record_leases.owner = excluded.owner
                            """)
                        .With("$s", record.System).With("$e", record.Entity).With("$r", record.Id).With("$o", owner)
                        .With("$u", (now + duration).ToUnixTimeMilliseconds()).With("$now", now.ToUnixTimeMilliseconds())
                        .Exec();
                    if (changed == 1)
                    {
                        acquired.Add(record);
                    }
                }

                return acquired;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task ReleaseLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Count == 0
            ? Task.CompletedTask
            : _database.WriteAsync(
                c =>
                {
                    foreach (var record in records.Distinct())
                    {
                        c.Sql("DELETE FROM record_leases WHERE system = $s AND entity = $e AND record_id = $r AND owner = $o")
                            .With("$s", record.System).With("$e", record.Entity).With("$r", record.Id).With("$o", owner)
                            .Exec();
                    }

                    return 0;
                },
                cancellationToken);
    }
}
