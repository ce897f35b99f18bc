using CrmBridge.Connectors.Fxiaoke;
using CrmBridge.Sandbox.Fxiaoke;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>crmbridge demo --crm fxiaoke</c>: starts the Fxiaoke OpenAPI sandbox and configures the Fxiaoke connector to reach it.
/// The demo tenant runs with a raised per-API rate limit (2000 calls / 20 s, as with Fxiaoke's 独立库 product) so a
/// 12000-customer run finishes in minutes; the connector respects whatever limit it is configured with, and the
/// platform default (100 / 20 s) is what production configuration ships with.
/// </summary>
internal sealed class FxiaokeDemoScenario : IDemoScenario
{
    /// <summary>The demo's raised per-API limit (sandbox and connector agree on it).</summary>
    internal const int DemoCallsPerWindow = 2_000;

    /// <inheritdoc />
    public string Crm => "fxiaoke";

    /// <inheritdoc />
    public async Task<IDemoCrm> StartAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sandbox = await FxiaokeSandbox.StartAsync(new FxiaokeSandboxOptions
        {
            CallsPerWindow = DemoCallsPerWindow,
            TimeProvider = context.TimeProvider,
            Port = context.CrmPort,
        }, cancellationToken).ConfigureAwait(false);
        var settings = DemoSetting.For(
            FxiaokeOptions.SectionName,
            (nameof(FxiaokeOptions.BaseUrl), sandbox.BaseAddress),
            (nameof(FxiaokeOptions.AppId), sandbox.Options.AppId),
            (nameof(FxiaokeOptions.AppSecret), sandbox.Options.AppSecret),
            (nameof(FxiaokeOptions.PermanentCode), sandbox.Options.PermanentCode),
            (nameof(FxiaokeOptions.CurrentOpenUserId), "FSUID_BRIDGE"),
            (nameof(FxiaokeOptions.CallsPerWindow), DemoCallsPerWindow),
            (nameof(FxiaokeOptions.MaxRateLimitWait), TimeSpan.FromMinutes(1)),

            // The sandbox stamps writes under the same lock its queries read under, so any lag of a millisecond or more
            // closes the same-millisecond gap; 1 s keeps the demo honest without slowing it visibly.
            (nameof(FxiaokeOptions.ChangeDetectionLag), TimeSpan.FromSeconds(1)));
        return new FxiaokeDemoCrm(sandbox, settings, Path.Combine(context.MappingsRoot, "fxiaoke"), new FxiaokeOptions().ServiceTicketObject);
    }
}
