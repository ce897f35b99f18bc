using System.Collections.Concurrent;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

/// <summary>Every store gets its own table prefix (six fresh tables); all are deleted afterwards.</summary>
public sealed class AzureTableSyncStateStoreFixture : ISyncStateStoreFixture
{
    private readonly ConcurrentBag<AzureStateTables> _tables = [];

    public async Task<ISyncStateStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        var tables = new AzureStateTables(Azurite.Tables, Azurite.UniqueName("t"));
        _tables.Add(tables);
        var store = new AzureTableSyncStateStore(tables, timeProvider, 8, NullLogger<AzureTableSyncStateStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public Task InitializeAsync() => Azurite.EnsureReachableAsync();

    public async Task DisposeAsync()
    {
        foreach (var table in _tables.SelectMany(t => t.All))
        {
            await table.DeleteAsync();
        }
    }
}
