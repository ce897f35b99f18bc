using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Admin.Standalone;

/// <summary>Registers the standalone host's admin page server.</summary>
public static class AdminServerServiceCollectionExtensions
{
    /// <summary>Registers the page (admin key or OIDC sign-in) and its Kestrel server on <paramref name="endpoint"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (<c>Admin</c> section).</param>
    /// <param name="endpoint">Where to listen.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeAdminServer(this IServiceCollection services, IConfiguration configuration, AdminEndpoint endpoint)
    {
        services.AddCrmBridgeAdmin(configuration, AdminHostKind.Standalone);
        // Keys live in the user profile (~/.aspnet/DataProtection-Keys), or in the storage account's key-ring container on
        // Azure Storage; the "not encrypted at rest" notice is expected in both.
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error));
        services.AddSingleton(endpoint);
        services.AddSingleton<AdminServer>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminServer>());
        // The chart's samples are taken on schedule, not only when somebody looks (the Functions app has a timer for it).
        services.AddHostedService<OutcomeSamplingWorker>();
        return services;
    }
}
