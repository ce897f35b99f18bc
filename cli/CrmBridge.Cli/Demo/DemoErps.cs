namespace CrmBridge.Cli.Demo;

/// <summary>The ERP sandboxes <c>crmbridge demo --erp NAME</c> can run against: adding one is a class and a line here.</summary>
internal static class DemoErps
{
    /// <summary>The <c>--erp</c> default.</summary>
    public const string Default = "reference";

    /// <summary>Gets the ERPs by <c>--erp</c> name.</summary>
    public static IReadOnlyDictionary<string, Func<DemoContext, CancellationToken, Task<IDemoErp>>> All { get; } =
        new Dictionary<string, Func<DemoContext, CancellationToken, Task<IDemoErp>>>(StringComparer.OrdinalIgnoreCase)
        {
            [Default] = ReferenceDemoErp.StartAsync,
            ["businesscentral"] = BusinessCentralDemoErp.StartAsync,
            ["staging"] = StagingDemoErp.StartAsync,
            ["k3cloud"] = KingdeeDemoErp.StartAsync,
        };
}
