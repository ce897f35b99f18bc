using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>Database failures outside the contract suite, classified for retry or dead letter.</summary>
public sealed class StagingConnectorErrorTests
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }

    private static async Task<ConnectorException> UpsertAsync(string connectionString)
    {
        var services = new ServiceCollection().AddLogging()
            .AddCrmBridgeStagingConnector(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:Staging:ConnectionString"] = connectionString,
            }).Build());
        await using var provider = services.BuildServiceProvider();
        var connector = provider.GetRequiredService<IErpConnector>();
        return await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.UpsertAsync(new UpsertRequest("customer", "externalId", "K-1", new() { ["name"] = "Nobody" }), CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_DatabaseUnreachable_ThrowsTransient()
    {
        var error = await UpsertAsync($"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Timeout=3");

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("NETWORK", error.ErrorCode);
        Assert.Equal("staging", error.System);
    }

    [Fact]
    public async Task UpsertAsync_UnknownDatabase_ThrowsPermanentNamingTheSetting()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = "no_such_db_" + Guid.NewGuid().ToString("N")[..6] };

        var error = await UpsertAsync(builder.ConnectionString);

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("CONNECTION_REFUSED", error.ErrorCode);
        Assert.Contains("Connectors:Staging:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
