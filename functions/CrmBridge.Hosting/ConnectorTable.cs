using CrmBridge.Connectors.BusinessCentral;
using CrmBridge.Connectors.Dataverse;
using CrmBridge.Connectors.Erp;
using CrmBridge.Connectors.Fxiaoke;
using CrmBridge.Connectors.Staging;
using CrmBridge.Connectors.Kingdee;
using CrmBridge.Connectors.Zoho;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Hosting;

/// <summary>
/// The one table of connectors both hosts register from: a connector whose section exists in configuration is registered,
/// the others are not (their webhooks answer 404, polls of them fail with a clear message). Adding a connector is one
/// line here (see docs/adding-a-connector.md).
/// </summary>
public static class ConnectorTable
{
    /// <summary>Gets every connector the hosts can run, in registration order.</summary>
    public static IReadOnlyList<ConnectorRegistration> All { get; } =
    [
        new(ErpConnectorOptions.SectionName, ["erp"], (s, c) => s.AddCrmBridgeErpConnector(c)),
        new(DataverseOptions.SectionName, ["dataverse"], (s, c) => s.AddCrmBridgeDataverseConnector(c)),
        new(ZohoConnectorOptions.SectionName, ["zoho"], (s, c) => s.AddCrmBridgeZohoConnector(c)),
        new(FxiaokeOptions.SectionName, ["fxiaoke"], (s, c) => s.AddCrmBridgeFxiaokeConnector(c)),
        new(BusinessCentralOptions.SectionName, ["businesscentral"], (s, c) => s.AddCrmBridgeBusinessCentralConnector(c)),
        new(StagingConnectorOptions.SectionName, ["staging"], (s, c) => s.AddCrmBridgeStagingConnector(c)),
        new(KingdeeConnectorOptions.SectionName, ["k3cloud"], (s, c) => s.AddCrmBridgeKingdeeConnector(c)),
    ];

    /// <summary>Gets the connectors whose section exists in <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The configured connectors, in table order.</returns>
    public static IReadOnlyList<ConnectorRegistration> Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. All.Where(r => configuration.GetSection(r.Section).Exists())];
    }

    /// <summary>Gets the sections of every connector, for messages (<c>Connectors:Erp, Connectors:Dataverse, …</c>).</summary>
    public static string Sections => string.Join(", ", All.Select(r => r.Section));
}
