using Microsoft.Data.Sqlite;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Terse command building for the SQLite adapters.</summary>
internal static class SqliteCommandExtensions
{
    /// <summary>Creates a command (it joins the connection's open transaction, if any), or reuses the prepared one of the
    /// write connection (<see cref="SqliteStatementCache"/>).</summary>
    public static SqliteCommand Sql(this SqliteConnection connection, string sql)
    {
        if (SqliteStatementCache.Get(connection, sql) is { } cached)
        {
            return cached;
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds a parameter; <see langword="null"/> becomes SQL NULL.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Executes a statement without parameters.</summary>
    public static int Run(this SqliteConnection connection, string sql) => connection.Sql(sql).Exec();

    /// <summary>Executes and disposes the command, returning the number of changed rows.</summary>
    public static int Exec(this SqliteCommand command)
    {
        try
        {
            return command.ExecuteNonQuery();
        }
        finally
        {
            SqliteStatementCache.Done(command);
        }
    }

    /// <summary>Reads every row through <paramref name="map"/>, then disposes the command.</summary>
    public static List<T> Rows<T>(this SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            SqliteStatementCache.Done(command);
        }
    }

    /// <summary>Reads the first row through <paramref name="map"/>, or returns the default.</summary>
    public static T? Row<T>(this SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        var rows = command.Rows(map);
        return rows.Count > 0 ? rows[0] : default;
    }

    /// <summary>Reads a nullable string column.</summary>
    public static string? NullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Reads a round-trip ("O") formatted time.</summary>
    public static DateTimeOffset Time(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), "O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Formats a time for <see cref="Time"/>.</summary>
    public static string ToText(this DateTimeOffset value) => value.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
