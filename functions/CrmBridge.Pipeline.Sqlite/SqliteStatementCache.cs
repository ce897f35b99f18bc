using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>
/// Prepared statements kept for the long-lived write connection: <see cref="SqliteCommandExtensions.Sql"/> hands out the
/// same command (parameters cleared) for the same SQL text, so SQLite parses and plans each statement once instead of on
/// every write, savepoint and commit. Only connections <see cref="Attach"/>ed get this; pooled read connections are
/// short-lived objects and keep creating commands. Not thread-safe, like the connection itself (one writer).
/// </summary>
internal static class SqliteStatementCache
{
    /// <summary>The most statements kept per connection; past it commands are made and disposed as usual.</summary>
    public const int Capacity = 128;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, Cached>> Caches = new();

    /// <summary>Starts caching the statements of <paramref name="connection"/>.</summary>
    public static void Attach(SqliteConnection connection) => Caches.AddOrUpdate(connection, new Dictionary<string, Cached>(StringComparer.Ordinal));

    /// <summary>Disposes the cached statements of <paramref name="connection"/> (before the connection is disposed).</summary>
    public static void Detach(SqliteConnection connection)
    {
        if (Caches.TryGetValue(connection, out var cache))
        {
            Caches.Remove(connection);
            foreach (var command in cache.Values)
            {
                command.Release();
            }
        }
    }

    /// <summary>Gets the cached command for <paramref name="sql"/>, or <see langword="null"/> when the connection has no cache (or it is full).</summary>
    public static SqliteCommand? Get(SqliteConnection connection, string sql)
    {
        if (!Caches.TryGetValue(connection, out var cache))
        {
            return null;
        }

        if (cache.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (cache.Count >= Capacity)
        {
            return null;
        }

        command = new Cached(sql, connection);
        cache.Add(sql, command);
        return command;
    }

    /// <summary>Disposes <paramref name="command"/> unless it is a cached one.</summary>
    public static void Done(SqliteCommand command)
    {
        if (command is not Cached)
        {
            command.Dispose();
        }
    }

    private sealed class Cached(string sql, SqliteConnection connection) : SqliteCommand(sql, connection)
    {
        public void Release() => Dispose();
    }
}
