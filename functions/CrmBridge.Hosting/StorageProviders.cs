using Microsoft.Extensions.Configuration;

namespace CrmBridge.Hosting;

/// <summary>The storage providers a host can run on (<see cref="ConfigurationKeys.StorageProvider"/>).</summary>
public static class StorageProviders
{
    /// <summary>The embedded SQLite store (one file): the standalone host's default.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Azure Storage queues, tables and blobs (Azurite locally): the Functions app's only provider.</summary>
    public const string Azure = "Azure";

    /// <summary>
    /// The provider to use: <c>Storage:Provider</c> when set; otherwise <see cref="Azure"/> when an Azure Storage connection
    /// string or queue service URI is configured; else <paramref name="fallback"/>.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="fallback">The host's default.</param>
    /// <returns>The provider name (possibly an unsupported value given in configuration).</returns>
    public static string Resolve(IConfiguration configuration, string fallback = Sqlite)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConfigurationKeys.StorageProvider] is { Length: > 0 } explicitProvider)
        {
            return explicitProvider;
        }

        return !string.IsNullOrWhiteSpace(configuration[ConfigurationKeys.StorageAzureConnectionString])
            || !string.IsNullOrWhiteSpace(configuration[ConfigurationKeys.StorageAzureQueueServiceUri])
            ? Azure
            : fallback;
    }
}
