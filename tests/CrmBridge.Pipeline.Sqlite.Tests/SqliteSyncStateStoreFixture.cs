using System.Collections.Concurrent;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.State;

namespace CrmBridge.Pipeline.Sqlite.Tests;

/// <summary>Every store gets its own temporary database file; all are deleted with the fixture.</summary>
public sealed class SqliteSyncStateStoreFixture : ISyncStateStoreFixture
{
    private readonly TempDirectory _directory = new();
    private readonly ConcurrentBag<SqliteDatabase> _databases = [];

    public async Task<ISyncStateStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        var database = new SqliteDatabase(new SqliteStorageOptions { Path = _directory.NewFile() });
        _databases.Add(database);
        var store = new SqliteSyncStateStore(database, timeProvider);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        _directory.Dispose();
        return Task.CompletedTask;
    }
}
