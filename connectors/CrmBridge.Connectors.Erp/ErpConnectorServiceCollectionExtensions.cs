using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Erp;

/// <summary>Registers the REST ERP connector.</summary>
public static class ErpConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ERP connector (<see cref="IErpConnector"/>, also as <see cref="IConnector"/>) and its webhook receiver
    /// (<see cref="IWebhookReceiver"/>), with options bound from <c>Connectors:Erp</c> and validated at start.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The root configuration (or the <c>Connectors:Erp</c> section itself).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeErpConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Path: ErpConnectorOptions.SectionName } own
            ? own
            : configuration.GetSection(ErpConnectorOptions.SectionName);
        services.AddOptions<ErpConnectorOptions>().Bind(section);
        return services.AddCore();
    }

    /// <summary>Adds the ERP connector and its webhook receiver, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (read the API key from configuration or Key Vault, never a literal).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeErpConnector(this IServiceCollection services, Action<ErpConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ErpConnectorOptions>().Configure(configure);
        return services.AddCore();
    }

    private static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddOptions<ErpConnectorOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ErpConnectorOptions>, ErpConnectorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ErpConnector.HttpClientName, (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<ErpConnectorOptions>>().Value;
            var baseUrl = options.BaseUrl!;
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            client.Timeout = options.Timeout;
        })
            .AddConnectionHealth(provider => provider.GetRequiredService<IOptions<ErpConnectorOptions>>().Value.System, ErpConnectorOptions.SectionName)
            .SetHandlerLifetime(ConnectorHttp.HandlerLifetime);
        services.TryAddKeyedSingleton(ErpConnector.HttpClientName, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<ErpConnectorOptions>>().Value;
            var tracker = provider.GetRequiredService<ConnectionHealthRegistry>().For(options.System, ErpConnectorOptions.SectionName);
            tracker.BaseUrl ??= options.BaseUrl;
            return tracker;
        });
        services.TryAddSingleton<IErpConnector, ErpConnector>();
        services.AddSingleton<IConnector>(provider => provider.GetRequiredService<IErpConnector>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookReceiver, ErpWebhookReceiver>());
        return services;
    }
}
