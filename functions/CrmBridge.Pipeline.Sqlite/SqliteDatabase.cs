using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>
/// One SQLite file shared by the queue, the claim-check store and the state store of a process. Writes are queued in
/// memory and run by one writer on one dedicated connection with group commit: whatever piled up while the previous
/// transaction ran is executed in the next one, each write inside its own savepoint (so one failing write rolls back
/// alone), and all callers are answered after COMMIT. Concurrent callers therefore never spin on SQLITE_BUSY and share
/// the cost of a commit. Reads use pooled connections and, thanks to WAL, never wait for writers. Other processes
/// (<c>crmbridge status</c>) are coordinated by SQLite's file locks and <c>busy_timeout</c>.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<SqliteWrite> _writes = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly string _readerPragmas;
    private readonly Task _writerLoop;
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly ILogger _logger;
    private SqliteConnection? _writer;
    private volatile bool _schemaReady;
    private volatile bool _directoryReady;

    public SqliteDatabase(SqliteStorageOptions options, ILogger<SqliteDatabase>? logger = null)
    {
        Path = System.IO.Path.GetFullPath(options.Path);
        _logger = logger ?? NullLogger<SqliteDatabase>.Instance;
        var busyMs = (int)options.BusyTimeout.TotalMilliseconds;
        _readerPragmas = $"PRAGMA busy_timeout = {busyMs};";
        _pragmas = _readerPragmas + $" PRAGMA synchronous = {(options.DurableCommits ? "FULL" : "NORMAL")};";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, busyMs / 1000),
        }.ToString();
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Creates the schema if this process has not yet done so.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        _schemaReady ? Task.CompletedTask : CreateSchemaAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> atomically on the write connection (inside the writer's transaction and its own
    /// savepoint); the task completes once the transaction committed.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var write = new SqliteWriteOf<T>(work, cancellationToken);
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        }

        return await write.Task.ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open(_readerPragmas);
            return work(connection);
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.Wrap(exception, Path);
        }
    }

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _writerLoop.Wait(TimeSpan.FromSeconds(30));
        CloseWriter();
        using (var probe = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(probe);
        }

        _schemaLock.Dispose();
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            // Its own connection, outside the writer's batches: journal_mode cannot change inside a transaction. The
            // mode is stored in the file, so one switch to WAL serves every later connection and process.
            using var connection = Open(_pragmas);
            connection.Run("PRAGMA journal_mode = WAL;");
            connection.Run(SqliteSchema.Ddl);
            _schemaReady = true;
            SqliteLog.SchemaReady(_logger, Path);
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.Wrap(exception, Path);
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<SqliteWrite>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                if (!write.IsAbandoned)
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                RunBatch(batch);
            }
        }
    }

    private void RunBatch(List<SqliteWrite> batch)
    {
        var succeeded = new List<SqliteWrite>(batch.Count);

        // A lone write needs no savepoint: if it fails, rolling back the whole transaction is the same thing.
        var isolate = batch.Count > 1;
        try
        {
            _writer ??= OpenWriter();
            _writer.Run("BEGIN IMMEDIATE");
            foreach (var write in batch)
            {
                if (isolate)
                {
                    _writer.Run("SAVEPOINT w");
                }

                try
                {
                    write.Run(_writer);
                    if (isolate)
                    {
                        _writer.Run("RELEASE w");
                    }

                    succeeded.Add(write);
                }
                catch (Exception exception) when (isolate && exception is not SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 })
                {
                    _writer.Run("ROLLBACK TO w");
                    _writer.Run("RELEASE w");
                    write.Fail(exception is SqliteException sqlite ? SqliteErrors.Wrap(sqlite, Path) : exception);
                }
            }

            _writer.Run("COMMIT");
            succeeded.ForEach(w => w.Complete());
        }
        catch (Exception exception)
        {
            // BUSY past busy_timeout, I/O error, disk full, or the lone write failed: the transaction is gone, so every
            // write in it fails.
            TryRollback();
            var failure = exception is SqliteException sqlite ? SqliteErrors.Wrap(sqlite, Path) : exception;
            batch.ForEach(w => w.Fail(failure));
        }
    }

    private void TryRollback()
    {
        try
        {
            if (_writer is not null && SQLitePCL.raw.sqlite3_get_autocommit(_writer.Handle) == 0)
            {
                _writer.Run("ROLLBACK");
            }
        }
        catch (SqliteException)
        {
            // The connection is unusable: open a fresh one for the next batch.
            CloseWriter();
        }
    }

    private SqliteConnection OpenWriter()
    {
        var writer = Open(_pragmas);
        SqliteStatementCache.Attach(writer);
        return writer;
    }

    private void CloseWriter()
    {
        if (_writer is not null)
        {
            SqliteStatementCache.Detach(_writer);
            _writer.Dispose();
            _writer = null;
        }
    }

    private SqliteConnection Open(string pragmas)
    {
        // Once per process is enough (a read per record otherwise pays a mkdir system call).
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!_directoryReady && !string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
            _directoryReady = true;
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Run(pragmas);
        return connection;
    }
}
