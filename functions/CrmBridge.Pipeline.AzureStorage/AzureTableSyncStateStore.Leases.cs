using Azure;
using Azure.Data.Tables;
using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// Record leases: one row per leased record (partition = system/entity, row = id). Taking one is an insert, or an update
/// with the row's ETag when it expired or is ours; losing either race (409/412) means another host holds it.
/// </summary>
internal sealed partial class AzureTableSyncStateStore
{
    private const int LeaseParallelism = 16;

    // The ETag of each lease this process took, so a release is one conditional delete (412: someone took it over).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Owner, RecordRef Record), ETag> _leaseTags = new();

    public Task<IReadOnlySet<RecordRef>> TryAcquireLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlySet<RecordRef>>("acquire record leases", async () =>
        {
            ArgumentNullException.ThrowIfNull(records);
            var acquired = new System.Collections.Concurrent.ConcurrentDictionary<RecordRef, bool>();
            var now = _time.GetUtcNow();
            await Parallel.ForEachAsync(
                records.Distinct(),
                new ParallelOptions { MaxDegreeOfParallelism = LeaseParallelism, CancellationToken = cancellationToken },
                async (record, ct) =>
                {
                    if (await TryAcquireAsync(record, owner, now, now + duration, ct).ConfigureAwait(false))
                    {
                        acquired[record] = true;
                    }
                }).ConfigureAwait(false);
            return acquired.Keys.ToHashSet();
        });

    public Task ReleaseLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, CancellationToken cancellationToken) =>
        RunAsync("release record leases", async () =>
        {
            ArgumentNullException.ThrowIfNull(records);
            await Parallel.ForEachAsync(
                records.Distinct(),
                new ParallelOptions { MaxDegreeOfParallelism = LeaseParallelism, CancellationToken = cancellationToken },
                async (record, ct) =>
                {
                    if (_leaseTags.TryRemove((owner, record), out var tag))
                    {
                        await DeleteAsync(_tables.Leases, TableKeys.Of(record.System, record.Entity), TableKeys.Of(record.Id), tag, ct).ConfigureAwait(false);
                        return;
                    }

                    var row = await FindAsync(_tables.Leases, TableKeys.Of(record.System, record.Entity), TableKeys.Of(record.Id), ct).ConfigureAwait(false);
                    if (row is not null && row.GetString("Owner") == owner)
                    {
                        await DeleteAsync(_tables.Leases, row.PartitionKey, row.RowKey, row.ETag, ct).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            return 0;
        });

    private async Task<bool> TryAcquireAsync(RecordRef record, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var row = new TableEntity(TableKeys.Of(record.System, record.Entity), TableKeys.Of(record.Id)) { ["Owner"] = owner, ["Until"] = until };
        if (await TryTakeAsync(() => _tables.Leases.AddEntityAsync(row, cancellationToken), owner, record).ConfigureAwait(false))
        {
            return true;
        }

        var current = await FindAsync(_tables.Leases, row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return await TryTakeAsync(() => _tables.Leases.AddEntityAsync(row, cancellationToken), owner, record).ConfigureAwait(false);
        }

        var expired = (current.GetDateTimeOffset("Until") ?? default) <= now;
        return (expired || current.GetString("Owner") == owner)
            && await TryTakeAsync(() => _tables.Leases.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken), owner, record).ConfigureAwait(false);
    }

    private async Task<bool> TryTakeAsync(Func<Task<Response>> write, string owner, RecordRef record)
    {
        try
        {
            var response = await write().ConfigureAwait(false);
            _leaseTags[(owner, record)] = response.Headers.ETag ?? ETag.All;
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false;
        }
    }
}
