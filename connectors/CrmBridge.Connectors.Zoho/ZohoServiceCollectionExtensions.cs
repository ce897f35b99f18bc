using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Zoho;

/// <summary>Registers the Zoho CRM connector.</summary>
public static class ZohoServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Zoho connector as <see cref="IConnector"/> and <see cref="ICrmConnector"/>, its
    /// <see cref="IWebhookReceiver"/> for notification callbacks, and <see cref="ZohoNotificationSubscriber"/>; options are
    /// bound from <c>Connectors:Zoho</c> (when <paramref name="configuration"/> is given), then <paramref name="configure"/>,
    /// validated with DataAnnotations at start. The host provides logging (<c>AddLogging</c>) and may provide a <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root, or <see langword="null"/>.</param>
    /// <param name="configure">Further configuration, or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeZohoConnector(this IServiceCollection services, IConfiguration? configuration = null, Action<ZohoConnectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ZohoConnectorOptions>()
            .Configure(o =>
            {
                configuration?.GetSection(ZohoConnectorOptions.SectionName).Bind(o);
                configure?.Invoke(o);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // RestSharp applies the options' timeout per request; the factory's client must not cut it shorter.
        services.AddHttpClient(ZohoApiClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddConnectionHealth(sp => sp.GetRequiredService<IOptions<ZohoConnectorOptions>>().Value.System, ZohoConnectorOptions.SectionName)
            .SetHandlerLifetime(ConnectorHttp.HandlerLifetime);
        services.TryAddSingleton<ZohoWriteRegistry>();
        services.TryAddSingleton<ZohoTokenProvider>();
        services.TryAddSingleton<ZohoApiClient>();
        services.TryAddSingleton<ZohoConnector>();
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<ZohoConnector>());
        services.AddSingleton<ICrmConnector>(sp => sp.GetRequiredService<ZohoConnector>());
        services.AddSingleton<IWebhookReceiver>(sp => new ZohoWebhookReceiver(
            sp.GetRequiredService<IOptions<ZohoConnectorOptions>>(), sp.GetRequiredService<ZohoWriteRegistry>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ZohoWebhookReceiver>>()));
        services.TryAddSingleton(sp => new ZohoNotificationSubscriber(
            sp.GetRequiredService<ZohoApiClient>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ZohoNotificationSubscriber>>(),
            sp.GetRequiredService<ConnectionHealthRegistry>().For(sp.GetRequiredService<IOptions<ZohoConnectorOptions>>().Value.System, ZohoConnectorOptions.SectionName)));
        return services;
    }
}
