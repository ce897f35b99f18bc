namespace CrmBridge.Cli.Demo;

/// <summary>The <c>demo</c> command's settings.</summary>
/// <param name="Records">How many customers to seed.</param>
/// <param name="Timeout">How long to wait for convergence in each phase.</param>
/// <param name="MappingsRoot">The folder holding the per-CRM mapping folders.</param>
internal sealed record DemoSettings(int Records, TimeSpan Timeout, string MappingsRoot);
