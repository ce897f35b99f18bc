using System.CommandLine;
using System.Text.Json;
using CrmBridge.Cli.Output;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Cli.Commands;

/// <content>The <c>replay</c> and <c>dismiss</c> subcommands.</content>
internal sealed partial class DeadLettersCommand
{
    private static Command CreateReplay()
    {
        var config = CommandRunner.ConfigOption();
        var all = new Option<bool>("--all") { Description = "Replay every open dead letter (optionally only --system/--entity)." };
        var system = new Option<string?>("--system") { Description = "With --all: only this source system." };
        var entity = new Option<string?>("--entity") { Description = "With --all: only this source entity." };
        var id = new Argument<string?>("id") { Description = "The dead letter to replay.", Arity = ArgumentArity.ZeroOrOne };
        var json = CommandRunner.JsonOption();
        var command = new Command("replay", "Re-run dead letters with the current mapping on fresh source data (fix the mapping or the data first). A running host picks them up.")
        {
            config, all, system, entity, id, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var letterId = parse.GetValue(id);
            if (parse.GetValue(all) == (letterId is not null))
            {
                throw new CliException("give either a dead letter id or --all.");
            }

            var (host, service) = await OpenAsync(parse.GetValue(config), token).ConfigureAwait(false);
            using (host)
            {
                if (letterId is not null)
                {
                    var outcome = await service.TryReplayAsync(letterId, token).ConfigureAwait(false);
                    if (outcome != ReplayOutcome.Replayed)
                    {
                        await error.WriteLineAsync(outcome switch
                        {
                            ReplayOutcome.NotReplayable => $"error: dead letter '{letterId}' holds rejected input (a malformed call), which has no record to re-read: fix the sender, let it resend, then 'deadletters dismiss {letterId}'.",
                            ReplayOutcome.NotOpen => $"error: no open dead letter has id '{letterId}': it was already replayed or dismissed (see 'deadletters list --status all').",
                            _ => $"error: no open dead letter has id '{letterId}' (see 'deadletters list --status all').",
                        }).ConfigureAwait(false);
                        return ExitCodes.Failed;
                    }

                    await output.WriteLineAsync(parse.GetValue(json)
                        ? JsonSerializer.Serialize(new { replayed = 1, ids = new[] { letterId } }, CliJson.Options)
                        : $"Replayed {letterId}: the change is back in the queue.").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                // With --json, progress goes to stderr so stdout stays one JSON document.
                var progressOut = parse.GetValue(json) ? error : output;
                var progress = new Progress<(int Done, int Total)>(p =>
                {
                    if (p.Done % 100 == 0 || p.Done == p.Total)
                    {
                        progressOut.WriteLine($"  replayed {p.Done}/{p.Total}");
                    }
                });
                var count = await service.ReplayAllAsync(new DeadLetterQuery(DeadLetterStatus.Open, parse.GetValue(system), parse.GetValue(entity), int.MaxValue), progress, token).ConfigureAwait(false);
                await output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { replayed = count }, CliJson.Options)
                    : $"Replayed {count} dead letters.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
        }, ct));
        return command;
    }

    private static Command CreateDismiss()
    {
        var config = CommandRunner.ConfigOption();
        var id = new Argument<string>("id") { Description = "The dead letter to dismiss." };
        var json = CommandRunner.JsonOption();
        var command = new Command("dismiss", "Close a dead letter without replaying it (kept for the audit trail).") { config, id, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var (host, service) = await OpenAsync(parse.GetValue(config), token).ConfigureAwait(false);
            using (host)
            {
                if (!await service.DismissAsync(parse.GetValue(id)!, token).ConfigureAwait(false))
                {
                    await error.WriteLineAsync($"error: no dead letter has id '{parse.GetValue(id)}'.").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }

                await output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { dismissed = parse.GetValue(id) }, CliJson.Options)
                    : $"Dismissed {parse.GetValue(id)}.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
        }, ct));
        return command;
    }
}
