using System.CommandLine;
using System.Text.Json;
using CrmBridge.Cli.Output;
using CrmBridge.Cli.Hosting;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Commands;

/// <summary>
/// <c>crmbridge backfill --system S --entity E</c>: forgets the entity's checkpoint and reads every record again into the
/// queue (initial load, or re-sync after fixing a mapping). The idempotency ledger skips what the target already has, so a
/// backfill never duplicates anything; a running <c>crmbridge run</c> (or the Functions app) processes the queue.
/// </summary>
internal sealed class BackfillCommand : ICommandFactory
{
    private const int PagesPerStep = 10;

    public Command Create()
    {
        var config = CommandRunner.ConfigOption();
        var system = new Option<string>("--system") { Description = "The source system (a configured connector, e.g. zoho).", Required = true };
        var entity = new Option<string>("--entity") { Description = "The source entity (e.g. Accounts).", Required = true };
        var json = CommandRunner.JsonOption();
        var command = new Command("backfill", "Re-read every record of one system/entity into the queue (the ledger keeps the target free of duplicates). Progress is shown as pages are enqueued.")
        {
            config, system, entity, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(config));
            using var host = BridgeHostFactory.Build(configuration, workers: true);
            var name = parse.GetValue(system)!;
            var table = parse.GetValue(entity)!;
            if (!host.Services.GetRequiredService<ConnectorRegistry>().TryGet(name, out var found) || found is null)
            {
                throw new CliException($"--system '{name}' has no configured connector (configured: {string.Join(", ", host.Services.GetRequiredService<ConnectorRegistry>().Systems)}).");
            }

            await host.Services.GetRequiredService<ISyncStateStore>().InitializeAsync(token).ConfigureAwait(false);
            var poller = host.Services.GetRequiredService<ChangePoller>();
            await poller.ResetAsync(name, table, token).ConfigureAwait(false);
            var asJson = parse.GetValue(json);
            var progress = new ProgressReporter(output, quiet: asJson);
            var (enqueued, pages, conflict) = await progress.RunAsync($"{name}/{table}: reading", async report =>
            {
                var (records, read) = (0, 0);
                while (true)
                {
                    var step = await poller.PollAsync(name, table, PagesPerStep, token).ConfigureAwait(false);
                    records += step.Enqueued;
                    read += step.Pages;
                    await report($"{name}/{table}: {records} records enqueued ({read} pages)").ConfigureAwait(false);
                    if (step.Conflict || step.Pages < PagesPerStep)
                    {
                        return (records, read, step.Conflict);
                    }
                }
            }).ConfigureAwait(false);

            if (asJson)
            {
                var result = new { system = name, entity = table, enqueued, pages, handedOver = conflict };
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (conflict)
            {
                await output.WriteLineAsync("  another poller advanced the checkpoint; it continues the backfill.").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"Backfill of {name}/{table}: {enqueued} records enqueued. 'crmbridge run' syncs them; 'crmbridge status' shows progress.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
