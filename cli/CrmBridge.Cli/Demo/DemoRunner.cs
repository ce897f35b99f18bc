using System.Diagnostics;
using CrmBridge.Cli.Demo.Calls;
using CrmBridge.Cli.Hosting;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Runs the end-to-end demo: starts the ERP and the CRM sandbox on loopback, seeds the CRM, runs the standalone host —
/// built by <see cref="BridgeHostFactory"/> from configuration, exactly as <c>crmbridge run</c> builds it — with the
/// shipped mappings on an embedded SQLite store until the ERP holds everything, then ships, invoices and resolves in the
/// ERP and waits until that is back in the CRM.
/// </summary>
internal sealed partial class DemoRunner
{
    private static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(3);

    private readonly TextWriter _progress;
    private readonly ILoggerFactory _loggers;

    public DemoRunner(TextWriter progress, ILoggerFactory loggers)
    {
        _progress = progress;
        _loggers = loggers;
    }

    public async Task<DemoReport> RunAsync(IDemoScenario scenario, DemoSettings settings, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("crmbridge-demo-");
        try
        {
            var context = new DemoContext(settings.Records, settings.MappingsRoot, _loggers, TimeProvider.System);
            await using var erp = await DemoErps.All[settings.Erp](context, cancellationToken).ConfigureAwait(false);
            await using var crm = await scenario.StartAsync(context, cancellationToken).ConfigureAwait(false);
            // The demo runs on its own copy of the mappings: its mapping fix (DemoUnmappable) never touches the shipped files.
            var mappingsDirectory = CopyMappings(erp.MappingsDirectory(crm.MappingsDirectory), Path.Combine(work.FullName, "mappings"));
            var mappings = MappingLoader.LoadDirectory(mappingsDirectory).GetSetOrThrow();

            await _progress.WriteLineAsync($"Seeding {settings.Records} customers with contacts, orders and complaints in the {scenario.Crm} sandbox…").ConfigureAwait(false);
            var seeded = await crm.SeedAsync(settings.Records, new Progress<(int Done, int Total)>(p => Report("seed", p.Done, p.Total)), cancellationToken).ConfigureAwait(false);
            var unmappable = DemoUnmappable.Break(crm, mappings, seeded);
            if (unmappable is not null)
            {
                await _progress.WriteLineAsync($"Made {crm.System}/{unmappable.Route.SourceEntity}/{unmappable.Id} unmappable on purpose (a blank order number).").ConfigureAwait(false);
            }

            if (crm.SeedSettle > TimeSpan.Zero)
            {
                await _progress.WriteLineAsync($"Waiting {crm.SeedSettle.TotalSeconds:0} s for the seed's last writes to leave the {crm.System} open change window…").ConfigureAwait(false);
                await Task.Delay(crm.SeedSettle, cancellationToken).ConfigureAwait(false);
            }

            var crmCallsBefore = crm.ApiCalls;
            var erpCallsBefore = erp.ApiCalls;

            var erpPolls = mappings.Routes.Where(r => r.SourceSystem == erp.System).Select(r => r.SourceEntity).Distinct()
                .Select(e => new PollTarget(erp.System, e, TimeSpan.FromSeconds(1)));
            var configuration = DemoConfiguration.Build(crm, erp, mappingsDirectory, crm.Polls.Concat(erpPolls), Path.Combine(work.FullName, "demo.db"));
            var ledger = new DemoCallLedger(crm.LinesPath is { } linesPath ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [crm.System] = linesPath } : []);
            using var host = BuildHost(configuration, settings, services => DemoCallInstrumentation.Add(services, ledger, SystemsByAuthority(crm, erp)));
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            await _progress.WriteLineAsync(settings.FunctionsHost
                ? "Stage driven as the Azure Functions queue trigger drives it (one call per message, coalesced)."
                : "Stage driven by the standalone worker.").ConfigureAwait(false);
            var provider = host.Services;

            var clock = Stopwatch.StartNew();
            var phaseStart = ledger.Snapshot();
            var outbound = mappings.Routes.Where(r => r.TargetSystem == erp.System && seeded.ContainsKey(r.SourceEntity)).ToList();
            var toErp = await WaitAsync("CRM → ERP", provider, settings.Timeout, ct => Task.FromResult<IReadOnlyList<(string, int, int)>>(
                outbound.Select(r => (r.TargetEntity, (unmappable?.BeforeFix(seeded) ?? seeded)[r.SourceEntity], erp.Count(r.TargetEntity))).ToList()), cancellationToken).ConfigureAwait(false);
            var toErpSeconds = clock.Elapsed.TotalSeconds;
            var (crmCallsOut, erpCallsOut) = (crm.ApiCalls - crmCallsBefore, erp.ApiCalls - erpCallsBefore);
            var outPhase = ledger.Snapshot().Since(phaseStart);

            // The pollers' cost with nothing to do (empty change polls per minute), measured while idle: the polling
            // floor any polling sync pays per minute, whatever the number of records.
            var idleFrom = ledger.Snapshot();
            await Task.Delay(IdleSample, cancellationToken).ConfigureAwait(false);
            var idle = ledger.Snapshot().Since(idleFrom);
            var idlePerMinute = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [crm.System] = idle[crm.System, DemoCallKind.IdlePoll] * 60 / IdleSample.TotalSeconds,
                [erp.System] = idle[erp.System, DemoCallKind.IdlePoll] * 60 / IdleSample.TotalSeconds,
            };

            var inbound = mappings.Routes.Where(r => r.SourceSystem == erp.System).ToList();
            await _progress.WriteLineAsync("Shipping and invoicing every order and resolving every complaint in the ERP…").ConfigureAwait(false);
            var expectedBack = await erp.ActAsync(inbound, cancellationToken).ConfigureAwait(false);
            var (crmCallsActed, erpCallsActed) = (crm.ApiCalls, erp.ApiCalls);
            var backStart = ledger.Snapshot();
            clock.Restart();
            var back = !toErp ? false : await WaitAsync("ERP → CRM", provider, settings.Timeout, async ct =>
            {
                var flowed = await crm.CountFlowedBackAsync(ct).ConfigureAwait(false);
                return inbound.Select(r => (r.TargetEntity, expectedBack[r.Name], flowed.GetValueOrDefault(r.TargetEntity))).ToList();
            }, cancellationToken).ConfigureAwait(false);
            var backSeconds = clock.Elapsed.TotalSeconds;
            var (crmCallsBack, erpCallsBack) = (crm.ApiCalls - crmCallsActed, erp.ApiCalls - erpCallsActed);
            var backPhase = ledger.Snapshot().Since(backStart);

            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            var story = unmappable is null ? [] : await FixAndReplayAsync(unmappable, crm, configuration, settings, cancellationToken).ConfigureAwait(false);
            var statuses = StatusRows(crm, outbound, seeded);

            var flowedBack = await crm.CountFlowedBackAsync(cancellationToken).ConfigureAwait(false);
            var dead = await provider.GetRequiredService<IDeadLetterStore>().ListDeadLettersAsync(new DeadLetterQuery(DeadLetterStatus.Open, Limit: 100_000), cancellationToken).ConfigureAwait(false);
            var rows = outbound.Select(r => Row(r, "CRM → ERP", seeded[r.SourceEntity], erp.Count(r.TargetEntity), dead))
                .Concat(inbound.Select(r => Row(r, "ERP → CRM", expectedBack[r.Name], flowedBack.GetValueOrDefault(r.TargetEntity), dead)))
                .ToList();
            var calls = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                [crm.System] = crm.ApiCalls - crmCallsBefore,
                [erp.System] = erp.ApiCalls - erpCallsBefore,
            };
            var envelopes = settings.FunctionsHost ? provider.GetRequiredService<FunctionsTriggerDriver>().Processed : provider.GetRequiredService<SyncWorker>().Processed;
            var converged = toErp && back && dead.Count == 0 && rows.All(r => r.Converged) && statuses.All(s => s.Converged);
            return new DemoReport(scenario.Crm, settings.Records, rows, calls, envelopes, toErpSeconds, backSeconds, dead.Count, converged,
                dead.Take(5).Select(d => $"{d.Envelope.Source} [{d.ErrorCode}] {d.Reason}").ToList())
            {
                SyncStatus = statuses,
                Unmappable = story,
                DirectionCalls =
                [
                    DemoEconomy.Row("CRM → ERP", crm.System, "read", crm.Limits, outbound, seeded, crmCallsOut, outPhase, mappings, crm.LinesPath is { } lines ? crm.Ids(lines).Count : 0),
                    DemoEconomy.Row("CRM → ERP", erp.System, "write", erp.Limits, outbound, seeded, erpCallsOut, outPhase),
                    DemoEconomy.Row("ERP → CRM", erp.System, "read", erp.Limits, inbound, expectedBack, erpCallsBack, backPhase, mappings),
                    DemoEconomy.Row("ERP → CRM", crm.System, "write", crm.Limits, inbound, expectedBack, crmCallsBack, backPhase),
                ],
                IdlePollsPerMinute = idlePerMinute,
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS cleans its temp folder.
            }
        }
    }

    private static Dictionary<string, string> SystemsByAuthority(IDemoCrm crm, IDemoErp erp)
    {
        var systems = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [crm.BaseAddress.Authority] = crm.System };
        try
        {
            systems[erp.BaseAddress.Authority] = erp.System;
        }
        catch (NotSupportedException)
        {
            // An ERP without an emulator address (SQL staging): its calls are counted by its connector's operations only.
        }

        return systems;
    }

    /// <summary>Replaces the standalone queue consumer and pollers by the Functions trigger's and timer's ways of driving them.</summary>
    private static void UseFunctionsTrigger(IServiceCollection services)
    {
        services.AddSingleton<FunctionsTriggerDriver>();
        services.AddSingleton<FunctionsTimerDriver>();
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationFactory is { } factory)
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => factory(sp) switch
                {
                    SyncWorker => sp.GetRequiredService<FunctionsTriggerDriver>(),
                    PollingWorker => sp.GetRequiredService<FunctionsTimerDriver>(),
                    var service => (IHostedService)service,
                });
            }
        }
    }

    private static DemoRouteRow Row(SyncRoute route, string direction, int expected, int actual, IReadOnlyList<DeadLetter> dead) =>
        new(route.Name, direction, $"{route.SourceSystem}/{route.SourceEntity}", $"{route.TargetSystem}/{route.TargetEntity}", expected, actual,
            dead.Count(d => d.Route == route.Name || (d.Route is null && d.Envelope.System == route.SourceSystem && d.Envelope.Entity == route.SourceEntity)));
}
