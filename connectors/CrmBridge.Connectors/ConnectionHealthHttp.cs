using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmBridge.Connectors;

/// <summary>Wires a connector's factory-made HTTP client into the process's <see cref="ConnectionHealthRegistry"/>.</summary>
public static class ConnectionHealthHttp
{
    /// <summary>
    /// Adds <see cref="HealthTrackingHandler"/> for <paramref name="system"/> to the client, and the registry (once) to the
    /// services: every answer of this client then counts toward the system's health.
    /// </summary>
    /// <param name="builder">The connector's named client.</param>
    /// <param name="system">The system name.</param>
    /// <param name="section">The connector's configuration section (<c>Connectors:Zoho</c>).</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddConnectionHealth(this IHttpClientBuilder builder, Func<IServiceProvider, string> system, string section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddConnectionHealthRegistry();
        return builder.AddHttpMessageHandler(sp => new HealthTrackingHandler(sp.GetRequiredService<ConnectionHealthRegistry>().For(system(sp), section)));
    }

    /// <summary>Adds the <see cref="ConnectionHealthRegistry"/> singleton (and <see cref="TimeProvider.System"/> when no clock is registered).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConnectionHealthRegistry(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ConnectionHealthRegistry(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
