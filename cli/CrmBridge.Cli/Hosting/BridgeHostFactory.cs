using CrmBridge.Hosting;
using CrmBridge.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CrmBridge.Cli.Hosting;

/// <summary>
/// Builds the standalone host (or, for admin commands, just its services) from the configuration, through the
/// composition module the Functions app uses too (<see cref="HostingServiceCollectionExtensions"/>).
/// </summary>
internal static class BridgeHostFactory
{
    /// <summary>The log file that keeps every entry with its stack trace (the console shows one line per entry).</summary>
    public const string LogFileKey = "Logging:File:Path";

    /// <summary>Builds a host.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="workers">Whether to run the queue consumer and pollers (<c>run</c>, <c>demo</c>) or only provide services (<c>status</c>).</param>
    /// <param name="customize">Last changes to the builder (the demo routes logging to its own factory).</param>
    /// <returns>The host, not started.</returns>
    /// <exception cref="HostingConfigurationException">When the configuration is unusable.</exception>
    public static IHost Build(IConfiguration configuration, bool workers, Action<HostApplicationBuilder>? customize = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.FormatterName);
        builder.Services.AddSingleton<ConsoleFormatter>(new OneLineConsoleFormatter { Verbose = CliContext.Verbose });
        if (configuration[LogFileKey] is { Length: > 0 } logFile)
        {
            builder.Logging.AddProvider(new FileLoggerProvider(logFile, TimeProvider.System));
        }

        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // "Hosting failed to start" repeats, with a 10 KB trace, the exception the CLI reports as one line anyway.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddConfiguration(configuration.GetSection(ConfigurationKeys.Logging));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));

        builder.Services.AddCrmBridgeCore(configuration);
        if (workers)
        {
            var mappings = HostingConfiguration.MappingsPath(configuration);
            if (!Directory.Exists(mappings))
            {
                throw new HostingConfigurationException($"{ConfigurationKeys.MappingsPath} '{configuration[ConfigurationKeys.MappingsPath]}' does not exist.");
            }

            if (ConnectorTable.Configured(configuration).Count == 0)
            {
                throw new HostingConfigurationException(
                    $"No connector is configured ({ConnectorTable.Sections}). See the configuration table in the README, or try 'crmbridge demo'.");
            }

            builder.Services.AddCrmBridgeSync(configuration);
            builder.Services.AddCrmBridgeStandaloneHost(HostingConfiguration.PollTargets(configuration));
            OtlpMetrics.Add(builder.Services, configuration);

            // Service integration (start/stop notifications, journald/event log); both do nothing outside their service manager.
            builder.Services.AddSystemd();
            builder.Services.AddWindowsService();
        }

        customize?.Invoke(builder);
        return builder.Build();
    }
}
