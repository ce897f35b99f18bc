using System.CommandLine;
using System.Text.Json;
using CrmBridge.Cli.Output;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Cli.Commands;

/// <content>The <c>list</c> and <c>show</c> subcommands.</content>
internal sealed partial class DeadLettersCommand
{
    private static Command CreateList()
    {
        var config = CommandRunner.ConfigOption();
        var json = CommandRunner.JsonOption();
        var status = new Option<string?>("--status") { Description = "open (default), replayed, dismissed or all." };
        var system = new Option<string?>("--system") { Description = "Only this source system." };
        var entity = new Option<string?>("--entity") { Description = "Only this source entity." };
        var limit = new Option<int>("--limit") { Description = "The most to list (newest first).", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List dead letters, newest first.") { config, json, status, system, entity, limit };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            var query = new DeadLetterQuery(ParseStatus(parse.GetValue(status)), parse.GetValue(system), parse.GetValue(entity), parse.GetValue(limit));
            var (host, service) = await OpenAsync(parse.GetValue(config), token).ConfigureAwait(false);
            using (host)
            {
                var letters = await service.ListAsync(query, token).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(letters, CliJson.Options)).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                var table = new TextTable("ID", "FAILED AT", "STATUS", "RECORD", "ROUTE", "CODE", "N", "REASON");
                foreach (var d in letters)
                {
                    table.Add(d.Id, d.FailedAt, d.Status, d.Envelope.Source, d.Route, d.ErrorCode, d.Occurrences, Shorten(d.Reason, 80));
                }

                await output.WriteAsync(table.Count == 0 ? "No dead letters.\n" : table.ToString()).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
        }, ct));
        return command;
    }

    private static Command CreateShow()
    {
        var config = CommandRunner.ConfigOption();
        var json = CommandRunner.JsonOption();
        var id = new Argument<string>("id") { Description = "The dead letter's id (from 'deadletters list')." };
        var command = new Command("show", "Show one dead letter: the record, route, error code, reason and every attempt.") { config, json, id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var (host, service) = await OpenAsync(parse.GetValue(config), token).ConfigureAwait(false);
            using (host)
            {
                var letter = await service.GetAsync(parse.GetValue(id)!, token).ConfigureAwait(false);
                if (letter is null)
                {
                    await error.WriteLineAsync($"error: no dead letter has id '{parse.GetValue(id)}'.").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }

                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(letter, CliJson.Options)).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                await output.WriteLineAsync($"Dead letter   {letter.Id} ({letter.Status}, {letter.Occurrences}x)").ConfigureAwait(false);
                await output.WriteLineAsync($"Record        {letter.Envelope.Source} ({letter.Envelope.Operation})").ConfigureAwait(false);
                await output.WriteLineAsync($"Route         {letter.Route ?? "-"}").ConfigureAwait(false);
                await output.WriteLineAsync($"Failed at     {letter.FailedAt:u}").ConfigureAwait(false);
                await output.WriteLineAsync($"Error code    {letter.ErrorCode}").ConfigureAwait(false);
                await output.WriteLineAsync($"Reason        {letter.Reason}").ConfigureAwait(false);
                await output.WriteLineAsync($"Correlation   {letter.Envelope.CorrelationId}").ConfigureAwait(false);
                foreach (var attempt in letter.Attempts)
                {
                    await output.WriteLineAsync($"  attempt at {attempt.At:u}: {attempt.ErrorCode} {attempt.Message}").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }
        }, ct));
        return command;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
