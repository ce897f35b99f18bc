using System.CommandLine;
using CrmBridge.Cli.Commands;
using CrmBridge.Cli.Demo;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Sandbox;

/// <summary>
/// <c>crmbridge sandbox [--crm NAME] [--erp NAME] [--records N] [--port-base P] [--config-out FILE]</c>: the demo's CRM and
/// ERP emulators in a process of their own, seeded, with a configuration file for <c>crmbridge run</c> and a loopback control
/// API (docs/sandbox.md); runs until Ctrl+C or SIGTERM. Sub-commands (<c>ship</c>, <c>invoice</c>, <c>resolve</c>,
/// <c>fault</c>, <c>edit</c>) call the control API of a running sandbox.
/// </summary>
internal sealed class SandboxCommand : ICommandFactory
{
    public Command Create()
    {
        var scenarios = typeof(SandboxCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDemoScenario).IsAssignableFrom(t))
            .Select(t => (IDemoScenario)Activator.CreateInstance(t)!)
            .ToDictionary(s => s.Crm, StringComparer.OrdinalIgnoreCase);
        var names = string.Join(", ", scenarios.Keys.Order(StringComparer.Ordinal));
        var crm = new Option<string>("--crm") { Description = $"The CRM to emulate: {names}.", DefaultValueFactory = _ => "dataverse" };
        var erp = new Option<string>("--erp") { Description = $"The ERP to emulate: {string.Join(", ", DemoErps.All.Keys.Order(StringComparer.Ordinal))}.", DefaultValueFactory = _ => DemoErps.Default };
        var records = new Option<int>("--records", "-n") { Description = "How many customers to seed (with contacts, orders with lines, complaints); 0 seeds nothing.", DefaultValueFactory = _ => 20 };
        var portBase = new Option<int>("--port-base") { Description = "Fixed ports: the control API on P, the ERP on P+1, the CRM on P+2. Default 0: free ports, printed." };
        var configOut = new Option<string>("--config-out") { Description = "Where to write the configuration for 'crmbridge run --config FILE'.", DefaultValueFactory = _ => SandboxControlClient.DefaultConfigFile };
        var database = new Option<string?>("--db") { Description = "The SQLite file the written configuration uses (default: crmbridge-sandbox.db beside the configuration file)." };
        var mappings = new Option<string?>("--mappings") { Description = "The folder holding dataverse/, zoho/, fxiaoke/ mappings (default: the mappings shipped with crmbridge)." };
        var command = new Command("sandbox", "Start CRM and ERP emulators on loopback in this process, seed them, write a configuration for 'crmbridge run', and serve a control API for ERP actions and faults until Ctrl+C.")
        {
            crm, erp, records, portBase, configOut, database, mappings,
        };
        foreach (var sub in SandboxControlCommands.Create())
        {
            command.Subcommands.Add(sub);
        }

        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var name = parse.GetValue(crm)!;
            if (!scenarios.TryGetValue(name, out var scenario))
            {
                throw new CliException($"--crm '{name}' is not available; choose one of: {names}.");
            }

            var erpName = parse.GetValue(erp)!;
            if (!DemoErps.All.ContainsKey(erpName))
            {
                throw new CliException($"--erp '{erpName}' is not available; choose one of: {string.Join(", ", DemoErps.All.Keys.Order(StringComparer.Ordinal))}.");
            }

            var (count, port) = (parse.GetValue(records), parse.GetValue(portBase));
            if (count is < 0 or > 1_000_000 || port is < 0 or > 65_533)
            {
                throw new CliException("--records must be between 0 and 1000000 and --port-base between 1 and 65533 (0 for free ports).");
            }

            var config = Path.GetFullPath(parse.GetValue(configOut)!);
            var settings = new SandboxSettings(scenario.Crm, erpName, count, port, config,
                parse.GetValue(database) ?? Path.Combine(Path.GetDirectoryName(config)!, "crmbridge-sandbox.db"),
                parse.GetValue(mappings) ?? Path.Combine(AppContext.BaseDirectory, "mappings"));
            using var loggers = LoggerFactory.Create(b => b.AddFilter(_ => false));
            await error.WriteLineAsync($"Starting the {scenario.Crm} and {erpName} sandboxes and seeding {count} customers…").ConfigureAwait(false);
            await using var session = await SandboxSession.StartAsync(scenario, settings, loggers, new Progress<(int Done, int Total)>(_ => { }), token).ConfigureAwait(false);
            await SandboxBanner.WriteAsync(output, session, settings).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await error.WriteLineAsync("Stopping the sandboxes (their data is in memory and goes with them).").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
