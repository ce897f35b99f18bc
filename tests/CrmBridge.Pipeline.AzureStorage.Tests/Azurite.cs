using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

/// <summary>The real Azurite the tests run against: <c>CRMBRIDGE_TEST_STORAGE</c> (set by scripts/test.sh) or the default emulator.</summary>
public static class Azurite
{
    /// <summary>Gets the connection string.</summary>
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("CRMBRIDGE_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    /// <summary>Gets the adapter's own clients (base64 queue encoding, poison handling), built from the connection string.</summary>
    internal static AzureStorageClients Clients { get; } = new(new AzureStorageOptions { ConnectionString = ConnectionString }, null);

    /// <summary>Gets the queue service client.</summary>
    public static QueueServiceClient Queues => Clients.Queues;

    /// <summary>Gets a queue service client that sends text as is (no base64), like a foreign producer.</summary>
    public static QueueServiceClient RawQueues { get; } = new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    /// <summary>Gets the blob service client.</summary>
    public static BlobServiceClient Blobs => Clients.Blobs;

    /// <summary>Gets the table service client.</summary>
    public static TableServiceClient Tables => Clients.Tables;

    /// <summary>Returns a unique, valid queue/container/table name.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Fails (never skips) with instructions when Azurite does not answer.</summary>
    public static async Task EnsureReachableAsync()
    {
        var fast = new QueueClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        try
        {
            await new QueueServiceClient(ConnectionString, fast).GetPropertiesAsync();
            var tables = new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
            await new TableServiceClient(ConnectionString, tables).GetPropertiesAsync();
            var blobs = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
            await new BlobServiceClient(ConnectionString, blobs).GetPropertiesAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                "Azurite is not reachable with CRMBRIDGE_TEST_STORAGE (or UseDevelopmentStorage=true). Run scripts/test.sh, which "
                + "installs and starts Azurite with --skipApiVersionCheck and exports CRMBRIDGE_TEST_STORAGE. " + exception.Message,
                exception);
        }
    }

    /// <summary>Options that fail at once instead of retrying, for error-path tests.</summary>
    public static T NoRetry<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }
}
