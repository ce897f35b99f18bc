using System.CommandLine;
using CrmBridge.Cli.Hosting;
using CrmBridge.Cli.Output;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Commands;

/// <summary><c>crmbridge status</c>: per system/entity/route the last checkpoint, synced, skipped, pending and dead-lettered counts; the circuits; per poll target the last poll and its failures.</summary>
internal sealed class StatusCommand : ICommandFactory
{
    public Command Create()
    {
        var config = CommandRunner.ConfigOption();
        var json = CommandRunner.JsonOption();
        var command = new Command("status", "Show the sync status: per system, entity and route the checkpoint, delivered, skipped, filtered, retried and dead-lettered counts, and the queue backlog.")
        {
            config,
            json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(config));
            BridgeConfiguration.RequireExistingStore(configuration);
            using var host = BridgeHostFactory.Build(configuration, workers: false);
            await host.Services.GetRequiredService<ISyncStateStore>().InitializeAsync(token).ConfigureAwait(false);
            var report = await host.Services.GetRequiredService<StatusService>().GetReportAsync(token).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ConnectionsSection.WriteAsync(output, host.Services, json: true, report, token).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("SYSTEM", "ENTITY", "ROUTE", "DELIVERED", "SKIPPED", "FILTERED", "RETRIED", "DEAD", "CHECKPOINT AT", "LAST ACTIVITY");
            foreach (var row in report.Rows)
            {
                table.Add(row.System, row.Entity, row.Route.Length == 0 ? "-" : row.Route, row.Delivered, row.Skipped, row.Filtered, row.Retried, row.DeadLettered, row.CheckpointAt, row.LastActivity);
            }

            await output.WriteAsync(table.Count == 0 ? "Nothing has been synced yet.\n" : table.ToString()).ConfigureAwait(false);
            await output.WriteLineAsync($"Pending in queue: {report.Pending}   Open dead letters: {report.OpenDeadLetters}").ConfigureAwait(false);
            foreach (var circuit in report.Circuits)
            {
                var detail = circuit.State switch
                {
                    CircuitState.Open => $"open since {circuit.Since:u}, next probe {circuit.OpenUntil:u}; {circuit.LastError}",
                    CircuitState.HalfOpen => $"probing since {circuit.Since:u}; {circuit.LastError}",
                    _ => $"closed since {circuit.Since:u}",
                };
                await output.WriteLineAsync($"Circuit {circuit.System}: {detail}").ConfigureAwait(false);
            }

            if (report.Polls.Count > 0)
            {
                var polls = new TextTable("POLL TARGET", "LAST POLL", "OUTCOME", "FAILURES IN A ROW", "LAST ERROR");
                foreach (var poll in report.Polls)
                {
                    var outcome = poll.Succeeded ? "ok" : $"failing since {poll.FailingSince:u}";
                    polls.Add($"{poll.System}/{poll.Entity}", poll.LastPollAt, outcome, poll.ConsecutiveFailures, poll.Succeeded ? null : poll.LastError);
                }

                await output.WriteAsync(polls.ToString()).ConfigureAwait(false);
            }
            await ConnectionsSection.WriteAsync(output, host.Services, json: false, report, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
