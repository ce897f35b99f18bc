using CrmBridge.Hosting;
using CrmBridge.Pipeline.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace CrmBridge.Cli.Hosting;

/// <summary>Exports the pipeline's metrics (meter <see cref="PipelineMetrics.MeterName"/>) over OTLP when <c>Telemetry:OtlpEndpoint</c> is set.</summary>
internal static class OtlpMetrics
{
    /// <summary>Adds the OTLP metrics exporter when configured.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>Whether the exporter was added.</returns>
    /// <exception cref="HostingConfigurationException">When the endpoint is not an absolute http(s) URI.</exception>
    public static bool Add(IServiceCollection services, IConfiguration configuration)
    {
        var value = configuration[ConfigurationKeys.TelemetryOtlpEndpoint];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new HostingConfigurationException(
                $"{ConfigurationKeys.TelemetryOtlpEndpoint} '{value}' is not an http(s) URL: set the collector's OTLP endpoint, e.g. http://localhost:4317 (gRPC), or remove the key.");
        }

        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(PipelineMetrics.MeterName).AddOtlpExporter(o => o.Endpoint = endpoint));
        return true;
    }
}
