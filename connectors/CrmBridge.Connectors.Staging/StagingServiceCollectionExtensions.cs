using CrmBridge.Connectors.Staging.Dialects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Staging;

/// <summary>Registers the staging-table ERP connector.</summary>
public static class StagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the staging connector as <see cref="IConnector"/> and <see cref="IErpConnector"/>, its
    /// <see cref="IRejectionFeed"/> (rows the ERP job rejected), <see cref="IAcceptanceFeed"/> (rows it accepted, with its
    /// id and number) and <see cref="IStagingSchema"/> (DDL); options are bound from
    /// <c>Connectors:Staging</c> (when <paramref name="configuration"/> is given), then <paramref name="configure"/>, and
    /// validated at start. The host provides logging and may provide a <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root, or <see langword="null"/>.</param>
    /// <param name="configure">Further configuration (read the connection string from configuration or Key Vault, never a literal), or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeStagingConnector(
        this IServiceCollection services, IConfiguration? configuration = null, Action<StagingConnectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StagingConnectorOptions>()
            .Configure(o =>
            {
                configuration?.GetSection(StagingConnectorOptions.SectionName).Bind(o);
                configure?.Invoke(o);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StagingConnectorOptions>, StagingConnectorOptionsValidator>());
        services.AddConnectionHealthRegistry();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StagingConnectorOptions>>().Value;
            var health = sp.GetRequiredService<ConnectionHealthRegistry>().For(options.System, StagingConnectorOptions.SectionName);
            health.BaseUrl ??= StagingDialects.Describe(options);
            return new StagingDatabase(StagingDialects.Resolve(options.Dialect), options, sp.GetRequiredService<ILogger<StagingDatabase>>(), health);
        });
        services.TryAddSingleton(sp => new StagingWriter(sp.GetRequiredService<StagingDatabase>(), sp.GetRequiredService<ILogger<StagingWriter>>()));
        services.TryAddSingleton(sp => new OutboxReader(sp.GetRequiredService<StagingDatabase>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OutboxReader>>()));
        services.TryAddSingleton(sp => new RejectionReader(sp.GetRequiredService<StagingDatabase>(), sp.GetRequiredService<ILogger<RejectionReader>>()));
        services.TryAddSingleton(sp => new AcceptanceReader(sp.GetRequiredService<StagingDatabase>(), sp.GetRequiredService<ILogger<AcceptanceReader>>()));
        services.TryAddSingleton<StagingConnector>();
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<StagingConnector>());
        services.AddSingleton<IErpConnector>(sp => sp.GetRequiredService<StagingConnector>());
        services.AddSingleton<IRejectionFeed>(sp => sp.GetRequiredService<StagingConnector>());
        services.AddSingleton<IAcceptanceFeed>(sp => sp.GetRequiredService<StagingConnector>());
        services.TryAddSingleton<IStagingSchema, StagingSchema>();
        return services;
    }
}
