using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Pipeline.Sqlite.Tests;

/// <summary>One temporary database file per test class; every queue is a uniquely named queue inside it.</summary>
public sealed class SqliteWorkQueueFixture : IWorkQueueFixture
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase? _database;
    private SqliteClaimCheckStore? _claimChecks;

    public IClaimCheckStore ClaimChecks => _claimChecks ?? throw new InvalidOperationException("Not initialized.");

    internal SqliteDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    internal string FilePath { get; private set; } = "";

    public Task InitializeAsync()
    {
        FilePath = _directory.NewFile();
        _database = new SqliteDatabase(new SqliteStorageOptions { Path = FilePath });
        _claimChecks = new SqliteClaimCheckStore(_database, TimeProvider.System);
        return Task.CompletedTask;
    }

    public Task<IWorkQueue> CreateQueueAsync() => Task.FromResult<IWorkQueue>(CreateQueue(Database, "q-" + Guid.NewGuid().ToString("N")));

    internal SqliteWorkQueue CreateQueue(SqliteDatabase database, string name) =>
        new(database, new EnvelopeCodec(new SqliteClaimCheckStore(database, TimeProvider.System)), name, TimeProvider.System, NullLogger<SqliteWorkQueue>.Instance);

    public Task DisposeAsync()
    {
        _database?.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
