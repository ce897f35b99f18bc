using CrmBridge.Connectors;
using Microsoft.Data.Sqlite;
using Xunit;

namespace CrmBridge.Pipeline.Sqlite.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task EnsureSchemaAsync_NewFile_UsesWriteAheadLogging()
    {
        var path = _directory.NewFile();
        using var database = new SqliteDatabase(new SqliteStorageOptions { Path = path });

        await database.EnsureSchemaAsync(CancellationToken.None);
        var mode = await database.ReadAsync(c => c.Sql("PRAGMA journal_mode").Row(r => r.GetString(0)), CancellationToken.None);

        Assert.Equal("wal", mode);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task ReadAsync_AnotherProcessMidTransaction_ReadsWithoutWaiting()
    {
        var path = _directory.NewFile();
        using var writer = new SqliteDatabase(new SqliteStorageOptions { Path = path });
        var store = new SqliteSyncStateStore(writer, TimeProvider.System);
        await store.SaveCheckpointAsync("zoho", "Accounts", "committed", null, CancellationToken.None);
        using var locker = new SqliteConnection($"Data Source={path};Pooling=False");
        locker.Open();
        using var transaction = locker.BeginTransaction(deferred: false);
        locker.Run("UPDATE checkpoints SET value = 'uncommitted'");

        using var reader = new SqliteDatabase(new SqliteStorageOptions { Path = path, BusyTimeout = TimeSpan.FromSeconds(1) });
        var seen = await new SqliteSyncStateStore(reader, TimeProvider.System).GetCheckpointAsync("zoho", "Accounts", CancellationToken.None);

        Assert.Equal("committed", seen?.Value);
    }

    [Fact]
    public async Task WriteAsync_FileLockedByAnotherProcess_ThrowsTransientAfterTheBusyTimeout()
    {
        var path = _directory.NewFile();
        using (var first = new SqliteDatabase(new SqliteStorageOptions { Path = path }))
        {
            await first.EnsureSchemaAsync(CancellationToken.None);
        }

        using var locker = new SqliteConnection($"Data Source={path};Pooling=False");
        locker.Open();
        using var transaction = locker.BeginTransaction(deferred: false);
        using var blocked = new SqliteDatabase(new SqliteStorageOptions { Path = path, BusyTimeout = TimeSpan.FromMilliseconds(200) });
        var store = new SqliteSyncStateStore(blocked, TimeProvider.System);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => store.SaveCheckpointAsync("zoho", "Accounts", "x", null, CancellationToken.None));

        Assert.Equal((SqliteErrors.System, ErrorKind.Transient), (error.System, error.Kind));
        Assert.StartsWith("SQLITE_5", error.ErrorCode);
        Assert.Contains("locked", error.Message);
    }

    [Fact]
    public async Task WriteAsync_PathIsADirectory_ThrowsPermanentConnectorException()
    {
        using var database = new SqliteDatabase(new SqliteStorageOptions { Path = _directory.Path });

        var error = await Assert.ThrowsAsync<ConnectorException>(() => database.EnsureSchemaAsync(CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Contains(_directory.Path, error.Message);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritesSomeFailing_OnlyTheFailingOnesRollBack()
    {
        using var database = new SqliteDatabase(new SqliteStorageOptions { Path = _directory.NewFile() });
        await database.EnsureSchemaAsync(CancellationToken.None);

        // Odd writes all insert the same key: the first wins, the others violate the primary key inside a shared batch.
        var writes = Enumerable.Range(0, 40).Select(i => Task.Run(() => database.WriteAsync(
            c => c.Sql("INSERT INTO claim_checks (ref, payload, created_at) VALUES ($r, x'00', 0)")
                .With("$r", i % 2 == 0 ? $"k{i}" : "dup").Exec(),
            CancellationToken.None))).ToList();
        var outcomes = await Task.WhenAll(writes.Select(async w => await Record.ExceptionAsync(() => w)));

        var rows = await database.ReadAsync(c => c.Sql("SELECT COUNT(*) FROM claim_checks").Row(r => r.GetInt64(0)), CancellationToken.None);
        Assert.Equal(21, rows);
        var failures = outcomes.OfType<ConnectorException>().ToList();
        Assert.Equal(19, failures.Count);
        Assert.All(failures, f => Assert.Equal(ErrorKind.Permanent, f.Kind));
        Assert.Equal(19, outcomes.Count(o => o is not null));
    }

    public void Dispose() => _directory.Dispose();
}
