using System.CommandLine;
using System.Text.Json;
using CrmBridge.Cli.Commands;
using CrmBridge.Cli.Output;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>crmbridge demo --crm NAME [--erp reference|staging] [--records N] [--json]</c>: the whole product on one machine — CRM sandbox, reference ERP,
/// standalone host, shipped mappings, embedded store — seeded, synced both ways, and summarised. Exit 0 only when every
/// record converged with no dead letter.
/// </summary>
internal sealed class DemoCommand : ICommandFactory
{
    public Command Create()
    {
        var scenarios = typeof(DemoCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDemoScenario).IsAssignableFrom(t))
            .Select(t => (IDemoScenario)Activator.CreateInstance(t)!)
            .ToDictionary(s => s.Crm, StringComparer.OrdinalIgnoreCase);
        var crm = new Option<string>("--crm") { Description = $"The CRM to emulate: {string.Join(", ", scenarios.Keys.Order(StringComparer.Ordinal))}.", Required = true };
        var records = new Option<int>("--records", "-n") { Description = "How many customers to seed (orders and complaints scale with it).", DefaultValueFactory = _ => 200 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each direction to converge.", DefaultValueFactory = _ => 600 };
        var mappings = new Option<string?>("--mappings") { Description = "The folder holding dataverse/, zoho/, fxiaoke/ mappings (default: the mappings shipped with crmbridge)." };
        var erp = new Option<string>("--erp") { Description = $"The ERP to emulate: {string.Join(", ", DemoErps.All.Keys.Order(StringComparer.Ordinal))}.", DefaultValueFactory = _ => DemoErps.Default };
        var verbose = new Option<bool>("--verbose") { Description = "Log pipeline warnings to stderr." };
        var host = new Option<string>("--host") { Description = "How the stage is driven: standalone (the run command's worker) or functions (one call per message through the coalescer, as the Azure Functions queue trigger).", DefaultValueFactory = _ => "standalone" };
        var json = CommandRunner.JsonOption();
        var command = new Command("demo", "Run the sync end to end against built-in sandboxes: seed a CRM, sync to the reference ERP, ship and resolve in the ERP, sync back, and print a summary.")
        {
            crm, erp, records, timeout, mappings, verbose, host, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var name = parse.GetValue(crm)!;
            if (!scenarios.TryGetValue(name, out var scenario))
            {
                throw new CliException($"--crm '{name}' is not available; choose one of: {string.Join(", ", scenarios.Keys.Order(StringComparer.Ordinal))}.");
            }

            var erpName = parse.GetValue(erp)!;
            if (!DemoErps.All.ContainsKey(erpName))
            {
                throw new CliException($"--erp '{erpName}' is not available; choose one of: {string.Join(", ", DemoErps.All.Keys.Order(StringComparer.Ordinal))}.");
            }

            var count = parse.GetValue(records);
            if (count is < 1 or > 1_000_000)
            {
                throw new CliException("--records must be between 1 and 1000000.");
            }

            var hostName = parse.GetValue(host)!;
            if (hostName is not "standalone" and not "functions")
            {
                throw new CliException($"--host '{hostName}' is not available; choose standalone or functions.");
            }

            var root = parse.GetValue(mappings) ?? Path.Combine(AppContext.BaseDirectory, "mappings");
            var asJson = parse.GetValue(json);
            using var loggers = LoggerFactory.Create(b => b
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter(level => parse.GetValue(verbose) && level >= LogLevel.Warning));
            var progress = asJson ? error : output;
            var settings = new DemoSettings(count, TimeSpan.FromSeconds(parse.GetValue(timeout)), root, erpName, hostName == "functions");
            var display = new ProgressReporter(progress, quiet: false);

            // On a terminal a live progress display (each step replaces the last); redirected, one line per step as before.
            var report = display.Interactive
                ? await display.RunAsync($"demo --crm {name} --erp {erpName}", step => new DemoRunner(new StepWriter(step), loggers).RunAsync(scenario, settings, token)).ConfigureAwait(false)
                : await new DemoRunner(progress, loggers).RunAsync(scenario, settings, token).ConfigureAwait(false);
            if (asJson)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CliJson.Options)).ConfigureAwait(false);
            }
            else
            {
                await DemoSummary.WriteAsync(output, report).ConfigureAwait(false);
            }

            return report.Converged ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));
        return command;
    }
}
