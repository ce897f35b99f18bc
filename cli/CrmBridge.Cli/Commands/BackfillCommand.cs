using System.CommandLine;
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
        var command = new Command("backfill", "Re-read every record of one system/entity into the queue (the ledger keeps the target free of duplicates). Progress is printed as pages are enqueued.")
        {
            config, system, entity,
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
            var (enqueued, pages) = (0, 0);
            while (true)
            {
                var step = await poller.PollAsync(name, table, PagesPerStep, token).ConfigureAwait(false);
                enqueued += step.Enqueued;
                pages += step.Pages;
                await output.WriteLineAsync($"  {name}/{table}: {enqueued} records enqueued ({pages} pages)").ConfigureAwait(false);
                if (step.Conflict)
                {
                    await output.WriteLineAsync("  another poller advanced the checkpoint; it continues the backfill.").ConfigureAwait(false);
                    break;
                }

                if (step.Pages < PagesPerStep)
                {
                    break;
                }
            }

            await output.WriteLineAsync($"Backfill of {name}/{table}: {enqueued} records enqueued. 'crmbridge run' syncs them; 'crmbridge status' shows progress.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
