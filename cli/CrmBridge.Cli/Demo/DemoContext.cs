using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Demo;

/// <summary>What the demo runner gives a scenario.</summary>
/// <param name="Records">How many customers to seed (orders and complaints scale with it).</param>
/// <param name="MappingsRoot">The folder holding the shipped mappings (<c>dataverse/</c>, <c>zoho/</c>, <c>fxiaoke/</c> below it).</param>
/// <param name="LoggerFactory">Logging (ids and outcomes only).</param>
/// <param name="TimeProvider">The clock.</param>
/// <param name="CrmPort">A fixed loopback port for the CRM sandbox, or 0 for a free one (<c>crmbridge sandbox --port-base</c>).</param>
/// <param name="ErpPort">A fixed loopback port for the ERP sandbox, or 0 for a free one.</param>
internal sealed record DemoContext(int Records, string MappingsRoot, ILoggerFactory LoggerFactory, TimeProvider TimeProvider, int CrmPort = 0, int ErpPort = 0);
