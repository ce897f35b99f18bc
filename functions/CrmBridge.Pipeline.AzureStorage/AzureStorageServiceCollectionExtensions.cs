using Azure.Core;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>Registers the Azure Storage adapter.</summary>
public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Storage Queue work queue, the blob claim-check store and the Table state store (options from
    /// <c>Storage:Azure</c> then <paramref name="configure"/>). <see cref="ISyncStateStore"/> and each of its sub-ports
    /// resolve to the same instance; an <see cref="EnvelopeCodec"/> and <see cref="TimeProvider.System"/> are added if
    /// none is registered. With service URIs instead of a connection string, a registered <see cref="TokenCredential"/>
    /// (or DefaultAzureCredential, i.e. managed identity in Azure) authenticates.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Overrides applied after configuration binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeAzureStorage(this IServiceCollection services, Action<AzureStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AzureStorageOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(AzureStorageOptions.SectionName).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AzureStorageClients(Options(sp), sp.GetService<TokenCredential>(), Logger<AzureStorageClients>(sp)));
        services.AddSingleton<IClaimCheckStore>(sp => new AzureBlobClaimCheckStore(
            sp.GetRequiredService<AzureStorageClients>().Blobs.GetBlobContainerClient(Options(sp).ClaimCheckContainer),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new EnvelopeCodec(sp.GetRequiredService<IClaimCheckStore>()));
        services.AddSingleton<IWorkQueue>(sp =>
        {
            var queues = sp.GetRequiredService<AzureStorageClients>().Queues;
            var name = Options(sp).QueueName;
            return new AzureStorageWorkQueue(queues.GetQueueClient(name), queues.GetQueueClient(name + "-poison"),
                sp.GetRequiredService<EnvelopeCodec>(), Logger<AzureStorageWorkQueue>(sp));
        });
        services.AddSyncStateStore(sp => new AzureTableSyncStateStore(
            new AzureStateTables(sp.GetRequiredService<AzureStorageClients>().Tables, Options(sp).TablePrefix),
            sp.GetRequiredService<TimeProvider>(), Options(sp).SyncLogShards, Logger<AzureTableSyncStateStore>(sp)));
        return services;
    }

    private static AzureStorageOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<AzureStorageOptions>>().Value;

    private static ILogger<T> Logger<T>(IServiceProvider services) => services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
