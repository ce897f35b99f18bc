using CrmBridge.Connectors;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Maps SQLite failures onto the pipeline's one infrastructure exception.</summary>
internal static class SqliteErrors
{
    /// <summary>The system name in <see cref="ConnectorException.System"/>.</summary>
    public const string System = "sqlite";

    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_PROTOCOL: another process holds the file or the
    // disk hiccuped; a retry may succeed. Everything else (CANTOPEN, CORRUPT, CONSTRAINT, …) will not.
    private static readonly int[] TransientCodes = [5, 6, 10, 13, 15];

    /// <summary>Wraps a SQLite exception.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="path">The database file.</param>
    /// <returns>The classified exception.</returns>
    public static ConnectorException Wrap(SqliteException exception, string path)
    {
        var primary = exception.SqliteErrorCode & 0xFF;
        var kind = TransientCodes.Contains(primary) ? ErrorKind.Transient : ErrorKind.Permanent;
        var hint = primary is 5 or 6 ? " (the file is locked by another process; see docs/storage.md)" : "";
        return new ConnectorException(System, kind, $"SQLITE_{exception.SqliteErrorCode}",
            $"SQLite storage '{path}': {exception.Message}{hint}", innerException: exception);
    }
}
