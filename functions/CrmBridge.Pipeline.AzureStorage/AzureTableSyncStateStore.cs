using Azure;
using Azure.Data.Tables;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// The state store on Azure Tables, one table per concern (<see cref="AzureStateTables"/>). Rows addressed by record
/// (ledger, cross-references, echoes) get a partition each, so load spreads over the service's partition servers;
/// checkpoints use the entity ETag for optimistic concurrency. Split by concern into partial files.
/// </summary>
internal sealed partial class AzureTableSyncStateStore : ISyncStateStore
{
    private readonly AzureStateTables _tables;
    private readonly TimeProvider _time;
    private readonly int _shards;
    private readonly ILogger _logger;
    private Task? _initializing;

    public AzureTableSyncStateStore(AzureStateTables tables, TimeProvider time, int syncLogShards, ILogger<AzureTableSyncStateStore> logger)
    {
        _tables = tables;
        _time = time;
        _shards = Math.Max(1, syncLogShards);
        _logger = logger;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        AzureErrors.RunAsync("create tables", () => Task.WhenAll(_tables.All.Select(t => t.CreateIfNotExistsAsync(cancellationToken))));

    public Task<Checkpoint?> GetCheckpointAsync(string system, string entity, CancellationToken cancellationToken) =>
        RunAsync("read checkpoint", async () =>
        {
            var row = await FindAsync(_tables.Checkpoints, TableKeys.Of(system), TableKeys.Of(entity), cancellationToken).ConfigureAwait(false);
            return row is null ? null : ToCheckpoint(row);
        });

    public Task<Checkpoint?> SaveCheckpointAsync(string system, string entity, string value, string? expectedETag, CancellationToken cancellationToken) =>
        RunAsync("save checkpoint", async () =>
        {
            var now = _time.GetUtcNow();
            var row = new TableEntity(TableKeys.Of(system), TableKeys.Of(entity)) { ["System"] = system, ["Entity"] = entity, ["UpdatedAt"] = now };
            TableText.Write(row, "Value", value);
            try
            {
                var response = expectedETag is null
                    ? await _tables.Checkpoints.AddEntityAsync(row, cancellationToken).ConfigureAwait(false)
                    : await _tables.Checkpoints.UpdateEntityAsync(row, new ETag(expectedETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new Checkpoint(value, response.Headers.ETag?.ToString() ?? "", now);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 or 404)
            {
                // 409: created by someone else; 412: updated by someone else; 404: deleted (reset) meanwhile.
                return null;
            }
        });

    public Task DeleteCheckpointAsync(string system, string entity, CancellationToken cancellationToken) =>
        RunAsync("delete checkpoint", () => DeleteAsync(_tables.Checkpoints, TableKeys.Of(system), TableKeys.Of(entity), default, cancellationToken));

    public Task<IReadOnlyList<(string System, string Entity, Checkpoint Checkpoint)>> ListCheckpointsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<(string, string, Checkpoint)>>("list checkpoints", async () =>
        {
            var all = new List<(string, string, Checkpoint)>();
            await foreach (var row in _tables.Checkpoints.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                all.Add((row.GetString("System"), row.GetString("Entity"), ToCheckpoint(row)));
            }

            return all;
        });

    private static Checkpoint ToCheckpoint(TableEntity row) =>
        new(TableText.Read(row, "Value"), row.ETag.ToString(), row.GetDateTimeOffset("UpdatedAt") ?? row.Timestamp ?? default);

    private static async Task<TableEntity?> FindAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static async Task<bool> DeleteAsync(TableClient table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(partitionKey, rowKey, ifMatch == default ? ETag.All : ifMatch, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return false;
        }
    }

    private async Task<T> RunAsync<T>(string what, Func<Task<T>> call)
    {
        await EnsureInitializedAsync().ConfigureAwait(false);
        return await AzureErrors.RunAsync(what, call).ConfigureAwait(false);
    }

    private Task RunAsync(string what, Func<Task> call) =>
        RunAsync(what, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

    // Hosts call InitializeAsync at start-up; this covers tools (crmbridge status) that touch the store without doing so.
    private async Task EnsureInitializedAsync()
    {
        var initializing = _initializing ??= InitializeAsync(CancellationToken.None);
        try
        {
            await initializing.ConfigureAwait(false);
        }
        catch (Exception) when (initializing.IsFaulted)
        {
            _initializing = null;
            throw;
        }
    }
}
