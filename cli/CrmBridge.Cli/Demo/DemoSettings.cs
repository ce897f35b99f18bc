namespace CrmBridge.Cli.Demo;

/// <summary>The <c>demo</c> command's settings.</summary>
/// <param name="Records">How many customers to seed.</param>
/// <param name="Timeout">How long to wait for convergence in each phase.</param>
/// <param name="MappingsRoot">The folder holding the per-CRM mapping folders.</param>
/// <param name="FunctionsHost">Whether the stage is driven as the Azure Functions queue trigger drives it (one call per message through the coalescer) instead of by the standalone worker.</param>
/// <param name="Erp">The ERP sandbox (<c>--erp</c>, a key of <see cref="DemoErps.All"/>).</param>
internal sealed record DemoSettings(int Records, TimeSpan Timeout, string MappingsRoot, string Erp = DemoErps.Default, bool FunctionsHost = false);
