using System.Text.Json.Nodes;
using Npgsql;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary><c>crmbridge staging init [--print]</c> (tables on the test PostgreSQL, <c>CRMBRIDGE_TEST_POSTGRES</c>).</summary>
public sealed class StagingCommandTests
{
    private static string Postgres => Environment.GetEnvironmentVariable("CRMBRIDGE_TEST_POSTGRES") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("CRMBRIDGE_TEST_POSTGRES is not set: run the tests through scripts/test.sh (it installs and starts a throwaway PostgreSQL).");

    [Fact]
    public async Task StagingInit_Print_WritesIdempotentDdlWithoutConnecting()
    {
        using var cli = new CliHarness(new JsonObject { ["Connectors"] = new JsonObject { ["Staging"] = new JsonObject { ["Schema"] = "erp_bridge" } } });

        var (code, output, _) = await CliHarness.RunAsync("staging", "init", "--print", "--config", cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"erp_bridge\".\"crm_to_erp_staging\"", output, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"erp_bridge\".\"erp_outbox\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StagingInit_TwiceAgainstPostgres_CreatesTablesOnce()
    {
        var schema = "cli_" + Guid.NewGuid().ToString("N")[..10];
        using var cli = new CliHarness(new JsonObject
        {
            ["Connectors"] = new JsonObject { ["Staging"] = new JsonObject { ["ConnectionString"] = Postgres, ["Schema"] = schema } },
        });
        try
        {
            var first = await CliHarness.RunAsync("staging", "init", "--config", cli.ConfigPath);
            var second = await CliHarness.RunAsync("staging", "init", "--config", cli.ConfigPath);

            Assert.Equal((0, 0), (first.Code, second.Code));
            Assert.Contains($"Staging tables ready: {schema}.crm_to_erp_staging and {schema}.erp_outbox.", second.Output, StringComparison.Ordinal);
            await using var connection = new NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = @s", connection);
            count.Parameters.AddWithValue("s", schema);
            Assert.Equal(2L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await using var connection = new NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task StagingInit_NotConfigured_ExitsTwoSayingWhatToAdd()
    {
        using var cli = new CliHarness();

        var (code, _, error) = await CliHarness.RunAsync("staging", "init", "--config", cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("Connectors:Staging is not configured", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
