using Azure;
using Azure.Data.Tables;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// The sync log as sharded counters. Partition = system|entity|route; row = <c>{kind}-{shard}</c> with a random shard
/// in [0, shards). Each call adds its batch's counts with one read and one ETag-conditional write per touched row, so
/// concurrent workers rarely collide (and retry when they do), no partition takes every write of the account, and the
/// table stays small (routes × kinds × shards rows) however long the bridge runs. Stats read the whole table and sum.
/// </summary>
internal sealed partial class AzureTableSyncStateStore
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
            .Select(g => (g.Key, Count: g.LongCount(), Last: g.MaxBy(o => o.At.UtcTicks)!.At));
        return RunAsync("record outcomes", () => Task.WhenAll(groups.Select(g => AddToCounterAsync(g.Key, g.Count, g.Last, cancellationToken))));
    }

    public Task<IReadOnlyList<SyncStat>> GetStatsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<SyncStat>>("read sync log", async () =>
        {
            var rows = new List<(string System, string Entity, string Route, SyncOutcomeKind Kind, long Count, DateTimeOffset LastAt)>();
            await foreach (var row in _tables.SyncLog.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add((row.GetString("System"), row.GetString("Entity"), row.GetString("Route") ?? "",
                    (SyncOutcomeKind)(row.GetInt32("Kind") ?? 0), row.GetInt64("Count") ?? 0, row.GetDateTimeOffset("LastAt") ?? default));
            }

            return rows
                .GroupBy(r => (r.System, r.Entity, r.Route))
                .Select(g => new SyncStat(g.Key.System, g.Key.Entity, g.Key.Route,
                    g.GroupBy(r => r.Kind).ToDictionary(k => k.Key, k => k.Sum(r => r.Count)),
                    g.MaxBy(r => r.LastAt.UtcTicks).LastAt))
                .ToList();
        });

    private async Task AddToCounterAsync((string System, string Entity, string Route, SyncOutcomeKind Kind) key, long count, DateTimeOffset last, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Of(key.System, key.Entity, key.Route);
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var rowKey = $"{(int)key.Kind:D2}-{Random.Shared.Next(_shards):D2}";
            var row = await FindAsync(_tables.SyncLog, partition, rowKey, cancellationToken).ConfigureAwait(false);
            var updated = new TableEntity(partition, rowKey)
            {
                ["System"] = key.System, ["Entity"] = key.Entity, ["Route"] = key.Route, ["Kind"] = (int)key.Kind,
                ["Count"] = (row?.GetInt64("Count") ?? 0) + count,
                ["LastAt"] = row?.GetDateTimeOffset("LastAt") is { } previous && previous > last ? previous : last,
            };
            var written = row is null
                ? await TryAsync(() => _tables.SyncLog.AddEntityAsync(updated, cancellationToken)).ConfigureAwait(false)
                : await TryAsync(() => _tables.SyncLog.UpdateEntityAsync(updated, row.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
            if (written)
            {
                return;
            }
        }

        // Counters are for status reporting only; losing a few under extreme contention must not fail the sync itself.
        AzureStorageLog.StatLost(_logger, key.System, key.Entity, key.Route, count);
    }
}
