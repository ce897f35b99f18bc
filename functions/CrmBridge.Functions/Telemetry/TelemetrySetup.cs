using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CrmBridge.Pipeline.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrmBridge.Functions.Telemetry;

/// <summary>
/// OpenTelemetry for the worker: the invocation spans of the Functions worker, the app's own
/// <see cref="CorrelationTelemetry.SourceName"/> source and outgoing HTTP calls (the connectors), with log scopes kept
/// (the <c>CorrelationId</c> scope becomes a custom dimension). Exported to Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, authenticated with the managed identity when
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> is <c>Authorization=AAD[;ClientId=...]</c> (infra/ disables local auth).
/// host.json sets <c>telemetryMode: OpenTelemetry</c> so the host's own telemetry takes the same path.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>Adds OpenTelemetry tracing, the pipeline's metrics (meter CrmBridge.Pipeline) and logging (and the Azure Monitor exporter when configured).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OpenTelemetryLoggerOptions>(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
        });
        var otel = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddSource(CorrelationTelemetry.SourceName).AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(PipelineMetrics.MeterName));

        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var credential = EntraCredential(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
            otel.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                if (credential is not null)
                {
                    o.Credential = credential;
                }
            });
        }

        return services;
    }

    /// <summary>Builds the managed identity credential an <c>Authorization=AAD[;ClientId=...]</c> string asks for.</summary>
    /// <param name="authentication">The authentication string, or <see langword="null"/>.</param>
    /// <returns>The credential, or <see langword="null"/> for instrumentation-key authentication.</returns>
    internal static TokenCredential? EntraCredential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var mode) || !string.Equals(mode, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
