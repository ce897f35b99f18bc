using Azure.Core;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Registers the Dataverse connector.</summary>
public static class DataverseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Dataverse connector (as <see cref="IConnector"/> and <see cref="ICrmConnector"/>) and its webhook
    /// receiver, with options bound from <c>Connectors:Dataverse</c> and validated on start.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (the <c>Connectors:Dataverse</c> section is read).</param>
    /// <param name="configure">Optional changes after binding (tests, the demo).</param>
    /// <param name="credential">Optional token credential; by default one is built from <see cref="DataverseOptions.AuthMode"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeDataverseConnector(
        this IServiceCollection services,
        IConfiguration? configuration = null,
        Action<DataverseOptions>? configure = null,
        TokenCredential? credential = null)
    {
        var builder = services.AddOptions<DataverseOptions>();
        if (configuration is not null)
        {
            builder.Configure(o => configuration.GetSection(DataverseOptions.SectionName).Bind(o));
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateDataAnnotations().Validate(o => o.Entities.Values.All(e => e.EntitySet.Length > 0 && e.IdField.Length > 0 && e.LogicalName.Length > 0),
            "Every Connectors:Dataverse:Entities entry needs EntitySet, LogicalName and IdField.")
            .Validate(o => SecureUrls.MayCarrySecrets(o.TokenEndpoint), SecureUrls.Error($"{DataverseOptions.SectionName}:TokenEndpoint", "the client secret")).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(DataverseConnector.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DataverseOptions>>().Value.HttpTimeout)
            .AddConnectionHealth(sp => sp.GetRequiredService<IOptions<DataverseOptions>>().Value.System, DataverseOptions.SectionName)
            .SetHandlerLifetime(ConnectorHttp.HandlerLifetime);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataverseOptions>>().Value;
            var httpClients = sp.GetRequiredService<IHttpClientFactory>();
            var time = sp.GetRequiredService<TimeProvider>();
            var health = sp.GetRequiredService<ConnectionHealthRegistry>().For(options.System, DataverseOptions.SectionName);
            health.BaseUrl ??= options.EnvironmentUrl?.ToString();
            return new DataverseConnector(httpClients, credential ?? DataverseCredentials.Create(options, httpClients, time), options, time, sp.GetRequiredService<ILogger<DataverseConnector>>(), health);
        });
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<DataverseConnector>());
        services.AddSingleton<ICrmConnector>(sp => sp.GetRequiredService<DataverseConnector>());
        services.AddSingleton(sp => new DataverseRegistrationClient(sp.GetRequiredService<DataverseConnector>().Http, sp.GetRequiredService<IOptions<DataverseOptions>>().Value.System));
        services.AddSingleton(sp => new DataverseRegistrar(sp.GetRequiredService<DataverseRegistrationClient>(), sp.GetRequiredService<IOptions<DataverseOptions>>().Value));
        services.AddSingleton(sp => new DataverseStatusColumns(sp.GetRequiredService<DataverseRegistrationClient>()));
        services.AddSingleton(sp => new DataverseApplicationUser(
            sp.GetRequiredService<IOptions<DataverseOptions>>().Value, sp.GetRequiredService<DataverseRegistrationClient>().WhoAmIAsync,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DataverseApplicationUser>>()));
        services.AddSingleton<IWebhookReceiver>(sp => new DataverseWebhookReceiver(
            sp.GetRequiredService<IOptions<DataverseOptions>>().Value, sp.GetRequiredService<ILogger<DataverseWebhookReceiver>>(), sp.GetRequiredService<DataverseApplicationUser>()));
        return services;
    }
}
