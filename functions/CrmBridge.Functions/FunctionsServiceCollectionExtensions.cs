using CrmBridge.Admin;
using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Webhooks;
using CrmBridge.Hosting;
using CrmBridge.Pipeline.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Functions;

/// <summary>Registers everything the Functions app runs: pipeline, Azure storage, mappings, connectors and the function services.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the app from configuration (app settings) through the composition module shared with the standalone host
    /// (<see cref="HostingServiceCollectionExtensions"/>): the pipeline (<c>Pipeline</c>), Azure Storage
    /// (<c>AzureWebJobsStorage</c> identity settings or a connection string, queue <c>QueueName</c>), the mappings
    /// (<c>Mappings:Path</c>) and every connector of the <see cref="ConnectorTable"/> whose section exists. A connector
    /// without a section is not registered, so its webhook answers 404 and polls of it fail with a clear message.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FunctionsOptions>()
            .Bind(configuration.GetSection(FunctionsOptions.SectionName))
            .Configure(o => o.PollTargets = configuration.GetSection(ConfigurationKeys.PollingTargets).Get<List<PollTarget>>() ?? [])
            .ValidateDataAnnotations()
            .Validate(o => o.PollTargets.All(HostingConfiguration.IsComplete), HostingConfiguration.PollTargetMessage)
            .ValidateOnStart();

        var profile = new HostProfile
        {
            StorageProvider = StorageProviders.Azure,
            ContentRoot = AppContext.BaseDirectory,
            ConfigureAzureStorage = o => StorageSettings.Apply(o, configuration),
            AlertWorker = false, // the Alerts timer function runs the engine
        };
        services.AddCrmBridgeCore(configuration, profile);
        services.AddCrmBridgeSync(configuration, profile);
        services.AddSingleton<WebhookHandler>();
        services.AddSingleton<HealthProbe>();
        services.AddCrmBridgeAdmin(configuration, AdminHostKind.Functions); // the page at /api/crmbridge/ui/ (Easy Auth)
        services.AddHostedService<StateStoreInitializer>();
        return services;
    }

    /// <summary>
    /// The mappings folder from <c>Mappings:Path</c>, relative to the app folder (the build copies the shipped mappings to
    /// <c>mappings/&lt;crm&gt;</c> there). Required: loading every CRM's mappings at once would route ERP changes to CRMs
    /// that are not configured.
    /// </summary>
    /// <param name="configuration">The app settings.</param>
    /// <returns>The absolute folder.</returns>
    /// <exception cref="InvalidOperationException">When <c>Mappings:Path</c> is not set.</exception>
    public static string MappingsPath(IConfiguration configuration) => HostingConfiguration.MappingsPath(configuration, AppContext.BaseDirectory);

    /// <summary>The queue name the triggers (<c>%QueueName%</c>) and the storage adapter share.</summary>
    /// <param name="configuration">The app settings.</param>
    /// <returns>The queue name.</returns>
    public static string QueueName(IConfiguration configuration) => HostingConfiguration.QueueName(configuration, FunctionsOptions.DefaultQueueName);
}
