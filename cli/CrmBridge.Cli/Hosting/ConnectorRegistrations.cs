using CrmBridge.Connectors.Dataverse;
using CrmBridge.Connectors.Erp;
using CrmBridge.Connectors.Fxiaoke;
using CrmBridge.Connectors.Zoho;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Hosting;

/// <summary>
/// The connectors the standalone host can run: each is registered when its configuration section exists. Adding a
/// connector to the host is one line here.
/// </summary>
internal static class ConnectorRegistrations
{
    private static readonly (string Section, Action<IServiceCollection, IConfiguration> Register)[] All =
    [
        ("Connectors:Erp", (s, c) => s.AddCrmBridgeErpConnector(c)),
        ("Connectors:Dataverse", (s, c) => s.AddCrmBridgeDataverseConnector(c)),
        ("Connectors:Fxiaoke", (s, c) => s.AddCrmBridgeFxiaokeConnector(c)),
        ("Connectors:Zoho", (s, c) => s.AddCrmBridgeZohoConnector(c)),
    ];

    /// <summary>Registers every configured connector.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The configuration sections that were registered.</returns>
    public static IReadOnlyList<string> Register(IServiceCollection services, IConfiguration configuration)
    {
        var registered = new List<string>();
        foreach (var (section, register) in All)
        {
            if (configuration.GetSection(section).Exists())
            {
                register(services, configuration);
                registered.Add(section);
            }
        }

        return registered;
    }
}
