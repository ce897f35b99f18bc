namespace CrmBridge.Cli.Sandbox;

/// <summary>The <c>sandbox</c> command's settings.</summary>
/// <param name="Crm">The CRM scenario (<c>--crm</c>).</param>
/// <param name="Erp">The ERP (<c>--erp</c>).</param>
/// <param name="Records">How many customers to seed.</param>
/// <param name="PortBase">The control API's port; the ERP listens on +1, the CRM on +2. 0 = free ports, printed.</param>
/// <param name="ConfigOut">The configuration file to write for <c>crmbridge run</c>.</param>
/// <param name="Database">The SQLite file the configuration names.</param>
/// <param name="MappingsRoot">The folder holding the per-CRM mapping folders.</param>
internal sealed record SandboxSettings(string Crm, string Erp, int Records, int PortBase, string ConfigOut, string Database, string MappingsRoot);
