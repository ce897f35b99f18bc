using CrmBridge.Cli.Demo;
using CrmBridge.Mappings;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Sandbox.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Sandbox;

/// <summary>
/// The running systems of <c>crmbridge sandbox</c>: the CRM and ERP emulators the demo uses (same scenarios, same seeders),
/// the control API, and the configuration file that points <c>crmbridge run</c> at them.
/// </summary>
internal sealed class SandboxSession : IAsyncDisposable
{
    /// <summary>The configuration key holding the control API's address (read by the <c>sandbox</c> sub-commands).</summary>
    public const string ControlUrlKey = "Sandbox:ControlUrl";

    private SandboxSession(IDemoCrm crm, IDemoErp erp, LoopbackServer control, IReadOnlyDictionary<string, int> seeded)
    {
        Crm = crm;
        Erp = erp;
        Control = control;
        Seeded = seeded;
    }

    public IDemoCrm Crm { get; }

    public IDemoErp Erp { get; }

    public LoopbackServer Control { get; }

    public IReadOnlyDictionary<string, int> Seeded { get; }

    public static async Task<SandboxSession> StartAsync(IDemoScenario scenario, SandboxSettings settings, ILoggerFactory loggers, IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken)
    {
        var ports = settings.PortBase == 0 ? (Control: 0, Erp: 0, Crm: 0) : (Control: settings.PortBase, Erp: settings.PortBase + 1, Crm: settings.PortBase + 2);
        var context = new DemoContext(settings.Records, settings.MappingsRoot, loggers, TimeProvider.System, ports.Crm, ports.Erp);
        var erp = await DemoErps.All[settings.Erp](context, cancellationToken).ConfigureAwait(false);
        IDemoCrm? crm = null;
        try
        {
            crm = await scenario.StartAsync(context, cancellationToken).ConfigureAwait(false);
            var mappingsDirectory = erp.MappingsDirectory(crm.MappingsDirectory);
            var mappings = MappingLoader.LoadDirectory(mappingsDirectory).GetSetOrThrow();
            var seeded = settings.Records > 0
                ? await crm.SeedAsync(settings.Records, progress, cancellationToken).ConfigureAwait(false)
                : new Dictionary<string, int>();
            var running = crm;
            var control = await LoopbackServer.StartAsync(app => SandboxControlApi.Map(app, running, erp), port: ports.Control).ConfigureAwait(false);

            var erpPolls = mappings.Routes.Where(r => r.SourceSystem == erp.System).Select(r => r.SourceEntity).Distinct(StringComparer.Ordinal)
                .Select(e => new PollTarget(erp.System, e, TimeSpan.FromSeconds(1)));
            var values = new Dictionary<string, string?>(DemoConfiguration.Values(crm, erp, mappingsDirectory, crm.Polls.Concat(erpPolls), Path.GetFullPath(settings.Database)), StringComparer.Ordinal)
            {
                [ControlUrlKey] = new Uri(control.BaseAddress, "control/").ToString(),
            };
            SandboxConfigFile.Write(settings.ConfigOut, values);
            return new SandboxSession(crm, erp, control, seeded);
        }
        catch
        {
            if (crm is not null)
            {
                await crm.DisposeAsync().ConfigureAwait(false);
            }

            await erp.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Control.DisposeAsync().ConfigureAwait(false);
        await Crm.DisposeAsync().ConfigureAwait(false);
        await Erp.DisposeAsync().ConfigureAwait(false);
    }
}
