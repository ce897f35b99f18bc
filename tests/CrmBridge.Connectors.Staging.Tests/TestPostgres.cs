using Npgsql;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The real PostgreSQL the tests run against: <c>CRMBRIDGE_TEST_POSTGRES</c>, set by scripts/test.sh.</summary>
internal static class TestPostgres
{
    public const string Variable = "CRMBRIDGE_TEST_POSTGRES";

    /// <summary>Gets the admin connection string, or fails the test with one line that says how to get one.</summary>
    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{Variable} is not set: run the tests through scripts/test.sh (it installs and starts a throwaway PostgreSQL), or point it at one (Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");

    public static async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }
}
