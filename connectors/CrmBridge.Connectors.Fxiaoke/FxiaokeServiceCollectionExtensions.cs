using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>Registers the Fxiaoke connector.</summary>
public static class FxiaokeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Fxiaoke connector as <see cref="IConnector"/> and <see cref="ICrmConnector"/>, with its options bound from
    /// <c>Connectors:Fxiaoke</c> (validated at start). Fxiaoke has no change push to third parties, so no webhook receiver is
    /// registered: poll the objects instead.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (or any configuration holding the <c>Connectors:Fxiaoke</c> section).</param>
    /// <param name="configure">Optional changes after binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeFxiaokeConnector(this IServiceCollection services, IConfiguration configuration, Action<FxiaokeOptions>? configure = null)
    {
        var builder = services.AddOptions<FxiaokeOptions>()
            .Configure(o => configuration.GetSection(FxiaokeOptions.SectionName).Bind(o))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        // RestSharp applies the options' timeout per request; the factory's client must not cut it shorter.
        services.AddHttpClient(FxiaokeHttp.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddConnectionHealth(sp => sp.GetRequiredService<IOptions<FxiaokeOptions>>().Value.System, FxiaokeOptions.SectionName)
            .SetHandlerLifetime(ConnectorHttp.HandlerLifetime);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FxiaokeOptions>>().Value;
            var health = sp.GetRequiredService<ConnectionHealthRegistry>().For(options.System, FxiaokeOptions.SectionName);
            health.BaseUrl ??= options.BaseUrl.ToString();
            return new FxiaokeConnector(options, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<FxiaokeConnector>>(), health);
        });
        services.AddSingleton<ICrmConnector>(sp => sp.GetRequiredService<FxiaokeConnector>());
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<FxiaokeConnector>());
        return services;
    }
}
