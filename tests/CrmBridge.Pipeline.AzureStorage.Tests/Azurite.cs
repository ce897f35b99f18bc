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

    /// <summary>Gets a queue service client that encodes like the adapter (base64).</summary>
    public static QueueServiceClient Queues { get; } =
        new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Gets a blob service client.</summary>
    public static BlobServiceClient Blobs { get; } = new(ConnectionString);

    /// <summary>Gets a table service client.</summary>
    public static TableServiceClient Tables { get; } = new(ConnectionString);

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
