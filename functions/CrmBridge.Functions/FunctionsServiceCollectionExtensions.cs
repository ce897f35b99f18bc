using CrmBridge.Connectors.Erp;
using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Webhooks;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Functions;

/// <summary>Registers everything the Functions app runs: pipeline, Azure storage, mappings, connectors and the function services.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the app from configuration (app settings): the pipeline (<c>Pipeline</c>), Azure Storage
    /// (<c>AzureWebJobsStorage</c> identity settings or a connection string, queue <c>QueueName</c>), the mappings
    /// (<c>Functions:MappingsPath</c>) and every connector whose section exists (<c>Connectors:Erp</c>, …). A connector
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
            .Configure(o => configuration.GetSection("Polling:Targets").Bind(o.PollTargets))
            .ValidateDataAnnotations()
            .Validate(o => o.PollTargets.All(t => t.System.Length > 0 && t.Entity.Length > 0), "Every Polling:Targets entry needs System and Entity.")
            .ValidateOnStart();

        services.AddCrmBridgePipeline(configuration);
        services.AddCrmBridgeAzureStorage(o => StorageSettings.Apply(o, configuration));
        services.AddCrmBridgeMappings(MappingsPath(configuration));
        AddConnectors(services, configuration);
        services.AddSingleton<WebhookHandler>();
        services.AddSingleton<HealthProbe>();
        services.AddHostedService<StateStoreInitializer>();
        return services;
    }

    /// <summary>The mappings folder: <c>Functions:MappingsPath</c> (relative to the app folder) or <c>mappings</c> beside the app.</summary>
    /// <param name="configuration">The app settings.</param>
    /// <returns>The absolute folder.</returns>
    public static string MappingsPath(IConfiguration configuration) =>
        Path.GetFullPath(configuration[$"{FunctionsOptions.SectionName}:{nameof(FunctionsOptions.MappingsPath)}"] is { Length: > 0 } path ? path : "mappings", AppContext.BaseDirectory);

    /// <summary>The queue name the triggers (<c>%QueueName%</c>) and the storage adapter share.</summary>
    /// <param name="configuration">The app settings.</param>
    /// <returns>The queue name.</returns>
    public static string QueueName(IConfiguration configuration) =>
        configuration["QueueName"] is { Length: > 0 } name ? name : FunctionsOptions.DefaultQueueName;

    // One line per connector: a section in configuration turns it on. Adding a connector = one line here (plus, for
    // webhooks, a three-line function like ErpWebhookFunction, or nothing when POST webhooks/system/{system} suffices).
    private static void AddConnectors(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetSection(ErpConnectorOptions.SectionName).Exists())
        {
            services.AddCrmBridgeErpConnector(configuration);
        }
    }
}
