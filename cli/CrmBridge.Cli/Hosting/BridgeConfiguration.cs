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
    public static IConfigurationRoot Load(string? configFile)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new FileNotFoundException($"The configuration file '{configFile}' does not exist.", configFile);
        }

        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [ConfigurationKeys.StorageSqlitePath] = "crmbridge.db",
            })
            .AddJsonFile(Path.GetFullPath(DefaultFile), optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables("CRMBRIDGE_").Build();
    }
}
