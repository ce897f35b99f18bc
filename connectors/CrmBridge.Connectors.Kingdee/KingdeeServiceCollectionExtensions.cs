using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>Registers the Kingdee K3Cloud connector.</summary>
public static class KingdeeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the K3Cloud connector as <see cref="IConnector"/> and <see cref="IErpConnector"/> (a singleton sharing one
    /// K3Cloud session), with options bound from <c>Connectors:Kingdee</c> (when <paramref name="configuration"/> is given),
    /// then <paramref name="configure"/>, validated at start. HTTP goes through the named client
    /// <c>CrmBridge.Kingdee</c> of <see cref="IHttpClientFactory"/>. The host provides logging.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (or the section itself), or <see langword="null"/>.</param>
    /// <param name="configure">Further configuration, or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeKingdeeConnector(this IServiceCollection services, IConfiguration? configuration = null, Action<KingdeeConnectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KingdeeConnectorOptions>()
            .Configure(o =>
            {
                var section = configuration is IConfigurationSection { Path: KingdeeConnectorOptions.SectionName } own
                    ? own
                    : configuration?.GetSection(KingdeeConnectorOptions.SectionName);
                section?.Bind(o);
                configure?.Invoke(o);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KingdeeConnectorOptions>, KingdeeConnectorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // RestSharp's per-request timeout governs (the named client has none of its own). Cookies are the session's, resent
        // by the connector: a pooled handler's cookie container must not mix them.
        services.AddHttpClient(KingdeeTransport.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false })
            .AddConnectionHealth(sp => sp.GetRequiredService<IOptions<KingdeeConnectorOptions>>().Value.System, KingdeeConnectorOptions.SectionName)
            .SetHandlerLifetime(ConnectorHttp.HandlerLifetime);
        services.TryAddSingleton<KingdeeTransport>();
        services.TryAddSingleton<KingdeeSessionProvider>();
        services.TryAddSingleton<KingdeeApiClient>();
        services.TryAddSingleton<KingdeeQuery>();
        services.TryAddSingleton<KingdeeRecords>();
        services.TryAddSingleton<KingdeeLifecycle>();
        services.TryAddSingleton<KingdeeKeyLocks>();
        services.TryAddSingleton(sp => new KingdeeClock(sp.GetRequiredService<IOptions<KingdeeConnectorOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<KingdeeVersions>();
        services.TryAddSingleton<KingdeeWriter>();
        services.TryAddSingleton<KingdeeWatermarkReader>();
        services.TryAddSingleton<KingdeeChangeReader>();
        services.TryAddSingleton<KingdeeConnector>();
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<KingdeeConnector>());
        services.AddSingleton<IErpConnector>(sp => sp.GetRequiredService<KingdeeConnector>());
        return services;
    }
}
