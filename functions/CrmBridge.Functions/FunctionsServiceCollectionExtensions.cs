using CrmBridge.Connectors.Dataverse;
using CrmBridge.Connectors.Erp;
using CrmBridge.Connectors.Fxiaoke;
using CrmBridge.Connectors.Zoho;
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
    /// <summary>The setting naming the mappings folder (shared with the standalone host).</summary>
    public const string MappingsPathKey = "Mappings:Path";

    // One line per connector: a section in configuration turns it on. Adding a connector = one line here (plus, for
    // webhooks, a three-line function like ErpWebhookFunction, or nothing when POST webhooks/system/{system} suffices).
    private static readonly (string Section, Action<IServiceCollection, IConfiguration> Register)[] ConnectorRegistrations =
    [
        (ErpConnectorOptions.SectionName, (s, c) => s.AddCrmBridgeErpConnector(c)),
        (DataverseOptions.SectionName, (s, c) => s.AddCrmBridgeDataverseConnector(c)),
        (ZohoConnectorOptions.SectionName, (s, c) => s.AddCrmBridgeZohoConnector(c)),
        (FxiaokeOptions.SectionName, (s, c) => s.AddCrmBridgeFxiaokeConnector(c)),
    ];

    /// <summary>
    /// Registers the app from configuration (app settings): the pipeline (<c>Pipeline</c>), Azure Storage
    /// (<c>AzureWebJobsStorage</c> identity settings or a connection string, queue <c>QueueName</c>), the mappings
    /// (<c>Mappings:Path</c>, as for the standalone host) and every connector whose section exists (<c>Connectors:Erp</c>,
    /// <c>Connectors:Dataverse</c>, <c>Connectors:Zoho</c>, <c>Connectors:Fxiaoke</c>). A connector without a section is
    /// not registered, so its webhook answers 404 and polls of it fail with a clear message.
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
        services.AddHostedService<CrmBridge.Pipeline.Hosting.StateStoreInitializer>();
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
    public static string MappingsPath(IConfiguration configuration) =>
        configuration[MappingsPathKey] is { Length: > 0 } path
            ? Path.GetFullPath(path, AppContext.BaseDirectory)
            : throw new InvalidOperationException($"{MappingsPathKey} is not configured: set it to the folder of your mapping files (e.g. mappings/dataverse).");

    /// <summary>The queue name the triggers (<c>%QueueName%</c>) and the storage adapter share.</summary>
    /// <param name="configuration">The app settings.</param>
    /// <returns>The queue name.</returns>
    public static string QueueName(IConfiguration configuration) =>
        configuration["QueueName"] is { Length: > 0 } name ? name : FunctionsOptions.DefaultQueueName;

    private static void AddConnectors(IServiceCollection services, IConfiguration configuration)
    {
        foreach (var (section, register) in ConnectorRegistrations)
        {
            if (configuration.GetSection(section).Exists())
            {
                register(services, configuration);
            }
        }
    }
}
