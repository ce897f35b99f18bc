using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;

namespace CrmBridge.Pipeline.Sqlite.Tests;

/// <summary>A claim-check store on a temporary database file.</summary>
public sealed class SqliteClaimCheckStoreFixture : IClaimCheckStoreFixture
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase? _database;
    private IClaimCheckStore? _store;

    public IClaimCheckStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    public Task InitializeAsync()
    {
        _database = new SqliteDatabase(new SqliteStorageOptions { Path = _directory.NewFile() });
        _store = new SqliteClaimCheckStore(_database, TimeProvider.System);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _database?.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
