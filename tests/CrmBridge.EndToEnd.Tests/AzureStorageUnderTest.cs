using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CrmBridge.Pipeline.AzureStorage;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.EndToEnd.Tests;

/// <summary>
/// The Azure Storage adapter on a real Azurite (connection string from <c>CRMBRIDGE_TEST_STORAGE</c>, set by
/// scripts/test.sh), with queue, tables and container named uniquely for the test and deleted afterwards.
/// </summary>
public sealed class AzureStorageUnderTest : IStorageUnderTest
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    private static string ConnectionString =>
        Environment.GetEnvironmentVariable("CRMBRIDGE_TEST_STORAGE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    private string QueueName => "e2e-" + _suffix;

    private string TablePrefix => "e2e" + _suffix;

    private string Container => "e2e-" + _suffix;

    public void Register(IServiceCollection services) => services.AddCrmBridgeAzureStorage(o =>
    {
        o.ConnectionString = ConnectionString;
        o.QueueName = QueueName;
        o.TablePrefix = TablePrefix;
        o.ClaimCheckContainer = Container;
    });

    public async ValueTask DisposeAsync()
    {
        await new QueueClient(ConnectionString, QueueName).DeleteIfExistsAsync();
        await new BlobContainerClient(ConnectionString, Container).DeleteIfExistsAsync();
        var tables = new TableServiceClient(ConnectionString);
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(TablePrefix) >= 0 && t.Name.CompareTo(TablePrefix + "~") < 0))
        {
            await tables.DeleteTableAsync(table.Name);
        }
    }
}
