using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.AzureStorage;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Hosting;

/// <summary>Builds the standalone host (or, for admin commands, just its services) from the configuration.</summary>
internal static class BridgeHostFactory
{
    /// <summary>Builds a host.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="workers">Whether to run the queue consumer and pollers (<c>run</c>) or only provide services (<c>status</c>).</param>
    /// <param name="extra">More registrations (the demo adds its sandbox connectors).</param>
    /// <returns>The host, not started.</returns>
    /// <exception cref="CliException">When the configuration is unusable.</exception>
    public static IHost Build(IConfiguration configuration, bool workers, Action<IServiceCollection>? extra = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));

        AddStorage(builder.Services, configuration);
        builder.Services.AddCrmBridgePipeline(configuration);
        extra?.Invoke(builder.Services);
        if (workers)
        {
            var registered = ConnectorRegistrations.Register(builder.Services, configuration);
            var mappings = configuration["Mappings:Path"];
            if (string.IsNullOrWhiteSpace(mappings))
            {
                throw new CliException("Mappings:Path is not configured: set it to the folder of your mapping files (e.g. mappings/dataverse).");
            }

            if (!Directory.Exists(mappings))
            {
                throw new CliException($"Mappings:Path '{mappings}' does not exist.");
            }

            if (registered.Count == 0 && extra is null)
            {
                throw new CliException("No connector is configured (Connectors:Erp, Connectors:Dataverse, ...). See the README's configuration table, or try 'crmbridge demo'.");
            }

            builder.Services.AddCrmBridgeMappings(mappings);
            builder.Services.AddCrmBridgeStandaloneHost(PollTargets(configuration));
        }

        return builder.Build();
    }

    /// <summary>Reads <c>Polling:Targets</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The poll targets.</returns>
    public static IReadOnlyList<PollTarget> PollTargets(IConfiguration configuration) =>
        configuration.GetSection("Polling:Targets").Get<List<PollTargetSettings>>()?
            .Select(t => new PollTarget(t.System, t.Entity, t.Interval))
            .ToList() ?? [];

    /// <summary>
    /// The storage provider: <c>Storage:Provider</c> when set; otherwise Azure when an Azure Storage connection string or
    /// service URI is configured, else the embedded SQLite default.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns><c>Sqlite</c> or <c>Azure</c> (or the unsupported value given).</returns>
    public static string StorageProvider(IConfiguration configuration) =>
        configuration["Storage:Provider"] is { Length: > 0 } explicitProvider ? explicitProvider
        : !string.IsNullOrWhiteSpace(configuration["Storage:Azure:ConnectionString"]) || !string.IsNullOrWhiteSpace(configuration["Storage:Azure:QueueServiceUri"]) ? "Azure"
        : "Sqlite";

    private static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        var provider = StorageProvider(configuration);
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddCrmBridgeSqliteStorage();
        }
        else if (provider.Equals("Azure", StringComparison.OrdinalIgnoreCase))
        {
            services.AddCrmBridgeAzureStorage();
        }
        else
        {
            throw new CliException($"Storage:Provider '{provider}' is not supported: use Sqlite (the default) or Azure.");
        }
    }
}
