using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>
/// One SQLite file shared by the queue, the claim-check store and the state store of a process. Writes go through one
/// dedicated connection behind an async lock, so in-process writers queue up in memory instead of spinning on
/// SQLITE_BUSY; reads use pooled connections and, thanks to WAL, never wait for writers. Other processes
/// (<c>crmbridge status</c>) are coordinated by SQLite's file locks and <c>busy_timeout</c>.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly ILogger _logger;
    private SqliteConnection? _writer;
    private volatile bool _schemaReady;

    public SqliteDatabase(SqliteStorageOptions options, ILogger<SqliteDatabase>? logger = null)
    {
        Path = System.IO.Path.GetFullPath(options.Path);
        _logger = logger ?? NullLogger<SqliteDatabase>.Instance;
        var busyMs = (int)options.BusyTimeout.TotalMilliseconds;
        _pragmas = $"PRAGMA busy_timeout = {busyMs}; PRAGMA synchronous = {(options.DurableCommits ? "FULL" : "NORMAL")};";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, busyMs / 1000),
        }.ToString();
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Creates the schema if this process has not yet done so.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        _schemaReady ? Task.CompletedTask : WriteCoreAsync(CreateSchema, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on the write connection, alone among this process's writers.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await WriteCoreAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on the write connection.</summary>
    public Task<T> TransactAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        WriteAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = work(connection);
                transaction.Commit();
                return result;
            },
            cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled read connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            return work(connection);
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.Wrap(exception, Path);
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        using (var probe = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(probe);
        }

        _writeLock.Dispose();
    }

    private async Task<T> WriteCoreAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _writer ??= Open();
            return work(_writer);
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.Wrap(exception, Path);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private bool CreateSchema(SqliteConnection connection)
    {
        if (_schemaReady)
        {
            return true;
        }

        // journal_mode is stored in the file, so one switch to WAL serves every later connection and process.
        connection.Run("PRAGMA journal_mode = WAL;");
        connection.Run(SqliteSchema.Ddl);
        _schemaReady = true;
        SqliteLog.SchemaReady(_logger, Path);
        return true;
    }

    private SqliteConnection Open()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Run(_pragmas);
        return connection;
    }
}
