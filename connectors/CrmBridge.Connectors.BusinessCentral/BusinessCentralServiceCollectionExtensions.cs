using Azure.Core;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>Registers the Business Central connector.</summary>
public static class BusinessCentralServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Business Central connector (as <see cref="IConnector"/> and <see cref="IErpConnector"/>), its webhook
    /// receiver, the subscription manager, the collection follower and both as <see cref="IWebhookMaintenance"/>, with options bound from
    /// <c>Connectors:BusinessCentral</c> and validated on start.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (the <c>Connectors:BusinessCentral</c> section is read), or <see langword="null"/>.</param>
    /// <param name="configure">Optional changes after binding (tests, the demo).</param>
    /// <param name="credential">Optional token credential; by default one is built from <see cref="BusinessCentralOptions.AuthMode"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeBusinessCentralConnector(
        this IServiceCollection services,
        IConfiguration? configuration = null,
        Action<BusinessCentralOptions>? configure = null,
        TokenCredential? credential = null)
    {
        var builder = services.AddOptions<BusinessCentralOptions>();
        if (configuration is not null)
        {
            var section = configuration is IConfigurationSection { Path: BusinessCentralOptions.SectionName } own ? own : configuration.GetSection(BusinessCentralOptions.SectionName);
            builder.Configure(o => section.Bind(o));
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateDataAnnotations()
            .Validate(o => o.NotificationUrl is null || !string.IsNullOrEmpty(o.ClientState),
                $"{BusinessCentralOptions.SectionName}:ClientState is required when NotificationUrl is set (a secret from configuration or Key Vault).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BusinessCentralConnector.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<BusinessCentralOptions>>().Value.HttpTimeout)
            .AddConnectionHealth(sp => sp.GetRequiredService<IOptions<BusinessCentralOptions>>().Value.System, BusinessCentralOptions.SectionName)
            .SetHandlerLifetime(ConnectorHttp.HandlerLifetime);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BusinessCentralOptions>>().Value;
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            HttpClient Client() => factory.CreateClient(BusinessCentralConnector.HttpClientName);
            var time = sp.GetRequiredService<TimeProvider>();
            var health = sp.GetRequiredService<ConnectionHealthRegistry>().For(options.System, BusinessCentralOptions.SectionName);
            return new BusinessCentralConnector(Client, credential ?? BusinessCentralCredentials.Create(options, Client, time), options, time, sp.GetRequiredService<ILogger<BusinessCentralConnector>>(), health);
        });
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<BusinessCentralConnector>());
        services.AddSingleton<IErpConnector>(sp => sp.GetRequiredService<BusinessCentralConnector>());
        services.TryAddSingleton<BusinessCentralCollections>();
        services.AddSingleton<IWebhookReceiver>(sp => new BusinessCentralWebhookReceiver(
            sp.GetRequiredService<IOptions<BusinessCentralOptions>>().Value, sp.GetRequiredService<BusinessCentralCollections>(), sp.GetRequiredService<ILogger<BusinessCentralWebhookReceiver>>()));
        services.AddSingleton(sp => new BusinessCentralSubscriptionManager(
            sp.GetRequiredService<BusinessCentralConnector>(), sp.GetRequiredService<IOptions<BusinessCentralOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BusinessCentralSubscriptionManager>>()));
        services.AddSingleton(sp => new BusinessCentralCollectionFollower(sp.GetRequiredService<BusinessCentralConnector>(), sp.GetRequiredService<BusinessCentralCollections>()));
        services.AddSingleton<IWebhookMaintenance>(sp => new BusinessCentralWebhookMaintenance(
            sp.GetRequiredService<IOptions<BusinessCentralOptions>>().Value.System, sp.GetRequiredService<BusinessCentralSubscriptionManager>(), sp.GetRequiredService<BusinessCentralCollectionFollower>()));
        return services;
    }
}
