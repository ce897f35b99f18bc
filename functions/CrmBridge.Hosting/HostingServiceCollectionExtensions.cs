using CrmBridge.Alerts;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.AzureStorage;
using CrmBridge.Pipeline.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Hosting;

/// <summary>The registrations both hosts make: pipeline and storage, then connectors and mappings.</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pipeline (<c>Pipeline</c> section) and the storage the configuration selects
    /// (<see cref="HostProfile.StorageProvider"/>, else <see cref="StorageProviders.Resolve"/>: SQLite from
    /// <c>Storage:Sqlite</c>, or Azure from <c>Storage:Azure</c> then <see cref="HostProfile.ConfigureAzureStorage"/>, with the Data Protection key ring in its blob container). This is all the admin commands (status, dead letters) need.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="profile">The host's profile, or <see langword="null"/> for <see cref="HostProfile.Standalone"/>.</param>
    /// <returns>The services.</returns>
    /// <exception cref="HostingConfigurationException">When <c>Storage:Provider</c> names an unknown provider.</exception>
    public static IServiceCollection AddCrmBridgeCore(this IServiceCollection services, IConfiguration configuration, HostProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        profile ??= HostProfile.Standalone;
        var provider = profile.StorageProvider ?? StorageProviders.Resolve(configuration);
        if (provider.Equals(StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            services.AddCrmBridgeSqliteStorage();
        }
        else if (provider.Equals(StorageProviders.Azure, StringComparison.OrdinalIgnoreCase))
        {
            // The admin page's Data Protection keys go to the same account, shared by every instance (docs/admin.md).
            services.AddCrmBridgeAzureStorage(profile.ConfigureAzureStorage).AddCrmBridgeAzureKeyRing();
        }
        else
        {
            throw new HostingConfigurationException(
                $"{ConfigurationKeys.StorageProvider} '{provider}' is not supported: use {StorageProviders.Sqlite} (the default) or {StorageProviders.Azure}.");
        }

        return services.AddCrmBridgePipeline(configuration);
    }

    /// <summary>Registers every connector of the <see cref="ConnectorTable"/> whose section exists in configuration.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The connectors registered.</returns>
    public static IReadOnlyList<ConnectorRegistration> AddCrmBridgeConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = ConnectorTable.Configured(configuration);
        foreach (var connector in configured)
        {
            connector.Register(services, configuration);
        }

        return configured;
    }

    /// <summary>
    /// Registers what a syncing host needs beyond <see cref="AddCrmBridgeCore"/>: the configured connectors, the mappings
    /// from <c>Mappings:Path</c> (resolved against <see cref="HostProfile.ContentRoot"/>) and the alerts (<c>Alerts</c>
    /// section; the loop as a hosted service when <see cref="HostProfile.AlertWorker"/>). The host adds its own triggers:
    /// the Functions app its functions, the standalone host <c>AddCrmBridgeStandaloneHost(HostingConfiguration.PollTargets(...))</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="profile">The host's profile, or <see langword="null"/> for <see cref="HostProfile.Standalone"/>.</param>
    /// <returns>The connectors registered.</returns>
    /// <exception cref="HostingConfigurationException">When <c>Mappings:Path</c> is not set.</exception>
    /// <exception cref="MappingException">When the mappings folder is missing or a mapping is invalid.</exception>
    public static IReadOnlyList<ConnectorRegistration> AddCrmBridgeSync(this IServiceCollection services, IConfiguration configuration, HostProfile? profile = null)
    {
        profile ??= HostProfile.Standalone;
        var mappings = HostingConfiguration.MappingsPath(configuration, profile.ContentRoot);
        var connectors = services.AddCrmBridgeConnectors(configuration);
        services.AddCrmBridgeMappings(mappings);
        services.AddCrmBridgeAlerts(configuration, profile.AlertWorker);
        return connectors;
    }
}
