using CrmBridge.Alerts.Channels;
using CrmBridge.Alerts.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts;

/// <summary>Registers the alerts (<c>Alerts</c> section): rules, gate, channels and engine.</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AlertEngine"/> with the rules not listed in <see cref="AlertsOptions.Disabled"/> and the
    /// configured channels. The state store (and, for the backlog rule, the work queue) must be registered too.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (reads <c>Alerts</c>).</param>
    /// <param name="worker">Whether to add the hosted loop (the standalone host); the Functions app runs the engine from a timer.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeAlerts(this IServiceCollection services, IConfiguration configuration, bool worker)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(WebhookPoster.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AlertGate>();
        var disabled = configuration.GetSection(AlertsOptions.SectionName).Get<AlertsOptions>()?.Disabled ?? [];
        if (!disabled.Contains(AlertKind.DeadLetters))
        {
            services.AddSingleton<IAlertRule, DeadLetterRule>();
        }

        if (!disabled.Contains(AlertKind.Circuit) || !disabled.Contains(AlertKind.Authentication))
        {
            services.AddSingleton<IAlertRule, CircuitRule>();
        }

        if (!disabled.Contains(AlertKind.Authentication))
        {
            services.AddSingleton<IAlertRule, AuthenticationRule>();
        }

        if (!disabled.Contains(AlertKind.PollFailing))
        {
            services.AddSingleton<IAlertRule, PollFailingRule>();
        }

        if (!disabled.Contains(AlertKind.Authentication) || !disabled.Contains(AlertKind.PushChannel))
        {
            // The pipeline registers the health service on both hosts; without it (a bare test container) the rule sees nothing.
            services.AddSingleton<IAlertRule>(sp => new ConnectionRule(
                sp.GetService<Pipeline.Operations.ConnectionHealthService>(), sp.GetRequiredService<IOptions<AlertsOptions>>(), sp.GetRequiredService<TimeProvider>()));
        }

        if (!disabled.Contains(AlertKind.Backlog))
        {
            services.AddSingleton<IAlertRule, BacklogRule>();
        }

        services.TryAddSingleton<AlertEngine>(sp => new AlertEngine(
            sp.GetServices<IAlertRule>(),
            sp.GetRequiredService<AlertGate>(),
            AlertChannels.Create(sp.GetRequiredService<IOptions<AlertsOptions>>(), sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AlertEngine>>()));
        if (worker)
        {
            services.AddHostedService<AlertWorker>();
        }

        return services;
    }
}
