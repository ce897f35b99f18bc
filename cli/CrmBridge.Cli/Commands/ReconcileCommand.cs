using System.CommandLine;
using System.Text.Json;
using CrmBridge.Cli.Hosting;
using CrmBridge.Cli.Output;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Commands;

/// <summary>
/// <c>crmbridge reconcile --system S --entity E [--route R] [--repair] [--examples N] [--json]</c>: proves the sync is whole
/// (docs/operations.md). Exit 0 when nothing is missing, stale or orphaned (or when <c>--repair</c> enqueued the fixes),
/// 1 when something is.
/// </summary>
internal sealed class ReconcileCommand : ICommandFactory
{
    public Command Create()
    {
        var config = CommandRunner.ConfigOption();
        var system = new Option<string>("--system") { Description = "The source system (a configured connector, e.g. dataverse).", Required = true };
        var entity = new Option<string>("--entity") { Description = "The source entity (e.g. accounts).", Required = true };
        var route = new Option<string?>("--route") { Description = "One route from the entity (default: every route from it)." };
        var repair = new Option<bool>("--repair") { Description = "Enqueue what fixes the findings (origin 'reconcile'); a running 'crmbridge run' delivers them." };
        var examples = new Option<int>("--examples") { Description = "How many example records to show per route.", DefaultValueFactory = _ => 10 };
        var json = CommandRunner.JsonOption();
        var command = new Command("reconcile", "Compare every source record of one system/entity with its target record (through the cross-reference and the mapping) and report missing, stale and orphaned records; --repair enqueues the fixes.")
        {
            config, system, entity, route, repair, examples, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(config));
            using var host = BridgeHostFactory.Build(configuration, workers: true);
            await host.Services.GetRequiredService<ISyncStateStore>().InitializeAsync(token).ConfigureAwait(false);
            var request = new ReconcileRequest(parse.GetValue(system)!, parse.GetValue(entity)!, parse.GetValue(route), parse.GetValue(repair), Math.Max(0, parse.GetValue(examples)));
            ReconcileReport report;
            try
            {
                var service = host.Services.GetRequiredService<ReconcileService>();
                var display = new ProgressReporter(output, quiet: parse.GetValue(json)); // a live display on a terminal; the report follows it
                report = display.Interactive
                    ? await display.RunAsync($"reconcile {request.System}/{request.Entity}", step => service.ReconcileAsync(request, new ReconcileProgressWriter(new StepWriter(step)), token)).ConfigureAwait(false)
                    : await service.ReconcileAsync(request, new ReconcileProgressWriter(error), token).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }
            catch (ConnectorException ex)
            {
                throw new CliException($"Reconcile of {request.System}/{request.Entity} stopped: {ex.Message} [{ex.ErrorCode}]. Check that the system is reachable and try again.");
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CliJson.Options)).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(output, report).ConfigureAwait(false);
            }

            return report.Whole || report.Repaired ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));
        return command;
    }

    private static async Task WriteAsync(TextWriter output, ReconcileReport report)
    {
        await output.WriteLineAsync($"Reconciled {report.SourceRecords} records of {report.System}/{report.Entity}.").ConfigureAwait(false);
        var table = new TextTable("ROUTE", "TARGET", "CHECKED", "IN SYNC", "MISSING", "STALE", "ORPHANED", "UNMAPPABLE", "FILTERED", "ECHOES", "REPAIRED");
        foreach (var r in report.Routes)
        {
            table.Add(r.Route, $"{r.TargetSystem}/{r.TargetEntity}", r.Checked, r.InSync, r.Missing, r.Stale, r.Orphaned, r.Unmappable, r.Filtered, r.Echoes, r.Repaired);
        }

        await output.WriteAsync(table.ToString()).ConfigureAwait(false);
        foreach (var r in report.Routes.Where(r => r.Examples.Count > 0))
        {
            await output.WriteLineAsync($"Examples ({r.Route}):").ConfigureAwait(false);
            foreach (var e in r.Examples)
            {
                await output.WriteLineAsync($"  {e.Kind.ToString().ToLowerInvariant(),-10} {e.SourceId} -> {e.TargetId ?? "-"}: {e.Detail}").ConfigureAwait(false);
            }
        }

        var verdict = report.Whole ? "Whole: every mapped record is in its target as the mapping of its latest version."
            : report.Repaired ? "Repairs enqueued: 'crmbridge run' delivers them; run reconcile again to confirm."
            : "Not whole: run again with --repair to enqueue the fixes (unmappable records are in 'crmbridge deadletters list').";
        await output.WriteLineAsync(verdict).ConfigureAwait(false);
    }
}
