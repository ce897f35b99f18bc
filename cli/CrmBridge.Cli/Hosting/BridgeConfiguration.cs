using CrmBridge.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrmBridge.Cli.Hosting;

/// <summary>
/// Loads the standalone host's configuration: built-in defaults, then <c>crmbridge.json</c> in the working directory
/// (optional), then <c>--config FILE</c>, then environment variables prefixed <c>CRMBRIDGE_</c> (use them, or a secret
/// store, for secrets: <c>CRMBRIDGE_Connectors__Erp__ApiKey</c>).
/// </summary>
internal static class BridgeConfiguration
{
    /// <summary>The configuration file read from the working directory when present.</summary>
    public const string DefaultFile = "crmbridge.json";

    /// <summary>Loads the configuration.</summary>
    /// <param name="configFile">The <c>--config</c> file, or <see langword="null"/>.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="FileNotFoundException">When <paramref name="configFile"/> does not exist.</exception>
    /// <exception cref="CliException">When a configuration file is not valid JSON (the message names file and line).</exception>
    public static IConfigurationRoot Load(string? configFile)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new FileNotFoundException($"the configuration file '{configFile}' does not exist (check --config; an example is in docs/configuration.md).", configFile);
        }

        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [ConfigurationKeys.StorageSqlitePath] = "crmbridge.db",
            })
            .AddJsonFile(Path.GetFullPath(DefaultFile), optional: true, reloadOnChange: false);
        if (File.Exists(DefaultFile))
        {
            JsonConfigurationFile.Check(Path.GetFullPath(DefaultFile), DefaultFile);
        }

        if (configFile is not null)
        {
            JsonConfigurationFile.Check(Path.GetFullPath(configFile), configFile);
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables("CRMBRIDGE_").Build();
    }

    /// <summary>
    /// Refuses to open an embedded store that does not exist (admin commands would otherwise create an empty one and
    /// report nothing wrong, e.g. after a mistyped path).
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <exception cref="CliException">When the SQLite file does not exist.</exception>
    public static void RequireExistingStore(IConfiguration configuration)
    {
        if (!StorageProviders.Resolve(configuration).Equals(StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var path = configuration[ConfigurationKeys.StorageSqlitePath] ?? string.Empty;
        if (!File.Exists(path))
        {
            throw new CliException(
                $"{ConfigurationKeys.StorageSqlitePath} '{path}' does not exist ({Path.GetFullPath(path)}): check the path or the working directory; 'crmbridge run' creates the store.");
        }
    }
}
