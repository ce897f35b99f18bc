using CrmBridge.Hosting;
using CrmBridge.Pipeline.AzureStorage;
using Microsoft.Extensions.Configuration;

namespace CrmBridge.Functions;

/// <summary>
/// Points the pipeline's Azure Storage adapter at the same account and queue as the Functions host, so one set of
/// settings serves both: <c>AzureWebJobsStorage</c> (a connection string, e.g. <c>UseDevelopmentStorage=true</c>) or the
/// identity-based <c>AzureWebJobsStorage__queueServiceUri</c> / <c>__blobServiceUri</c> / <c>__tableServiceUri</c>
/// (+ <c>__clientId</c> for a user-assigned identity), and <c>QueueName</c>. Explicit <c>Storage:Azure:*</c> settings win.
/// </summary>
internal static class StorageSettings
{
    /// <summary>The host's storage connection name.</summary>
    public const string HostConnection = ConfigurationKeys.HostStorage;

    /// <summary>Fills the adapter's options from the host's settings where <c>Storage:Azure</c> left them empty.</summary>
    /// <param name="options">The adapter options (already bound from <c>Storage:Azure</c>).</param>
    /// <param name="configuration">The app settings.</param>
    public static void Apply(AzureStorageOptions options, IConfiguration configuration)
    {
        options.QueueName = FunctionsServiceCollectionExtensions.QueueName(configuration);
        var explicitUris = options.QueueServiceUri is not null && options.BlobServiceUri is not null && options.TableServiceUri is not null;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) || explicitUris)
        {
            return;
        }

        var host = configuration.GetSection(HostConnection);
        if (!string.IsNullOrWhiteSpace(host.Value))
        {
            options.ConnectionString = host.Value;
            return;
        }

        options.QueueServiceUri ??= Uri(host["queueServiceUri"]);
        options.BlobServiceUri ??= Uri(host["blobServiceUri"]);
        options.TableServiceUri ??= Uri(host["tableServiceUri"]);
        options.ManagedIdentityClientId ??= host["clientId"];
    }

    private static Uri? Uri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value);
}
