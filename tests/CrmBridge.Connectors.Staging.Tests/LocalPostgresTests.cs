using CrmBridge.Sandbox.Staging;
using Npgsql;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The demo's throwaway PostgreSQL (needs the PostgreSQL binaries, which scripts/test.sh installs).</summary>
public sealed class LocalPostgresTests
{
    [Fact]
    public async Task StartAsync_Installed_AcceptsConnectionsUntilDisposed()
    {
        Assert.True(LocalPostgres.FindBinaries() is not null, LocalPostgres.InstallHint);
        string connectionString;
        await using (var cluster = await LocalPostgres.StartAsync())
        {
            connectionString = cluster.ConnectionString;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_setting('listen_addresses')", connection);
            Assert.Equal("127.0.0.1", await command.ExecuteScalarAsync());
        }

        NpgsqlConnection.ClearAllPools();
        await using var after = new NpgsqlConnection(connectionString + ";Timeout=2");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.OpenAsync());
    }
}
