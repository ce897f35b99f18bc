using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>Puts the ASP.NET Core Data Protection key ring (the admin page's anti-forgery and session cookies) on Azure Storage.</summary>
public static class AzureKeyRingServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the Data Protection key ring in the <see cref="AzureStorageOptions.KeyRingContainer"/> blob container of the
    /// storage account <see cref="AzureStorageServiceCollectionExtensions.AddCrmBridgeAzureStorage"/> configures (same
    /// connection string or credential), so all instances and restarts share the keys. Applied after every other
    /// configuration of <see cref="KeyManagementOptions"/>, so it wins over a file-system location; the registration order
    /// relative to <c>AddDataProtection</c> does not matter.
    /// </summary>
    /// <param name="services">The services, with the Azure Storage adapter registered.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeAzureKeyRing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KeyManagementOptions>().PostConfigure<AzureStorageClients, IOptions<AzureStorageOptions>>((o, clients, storage) =>
            o.XmlRepository = new AzureBlobXmlRepository(clients.Blobs.GetBlobContainerClient(storage.Value.KeyRingContainer)));
        return services;
    }
}
