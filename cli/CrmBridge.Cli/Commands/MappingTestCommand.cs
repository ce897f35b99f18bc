using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Cli.Commands;

/// <summary>
/// <c>crmbridge mapping test MAPPING --input RECORD.json [--lookups LOOKUPS.json]</c>: the admins' dry-run. Prints the
/// mapped document (exit 0), <c>filtered: condition</c> (exit 0), or every error (exit 1); bad arguments exit 2.
/// </summary>
internal static class MappingTestCommand
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var mapping = new Argument<string>("mapping") { Description = "The mapping file (a lookups.yaml beside it is used too).", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string>("--input", "-i") { Description = "The sample source record (a JSON object, as the CRM returns it)." };
        var lookups = new Option<string>("--lookups", "-l") { Description = "Stands in for the cross-reference store: { \"<lookup>\": { \"<source id>\": \"<target id>\" } }." };
        var json = CommandRunner.JsonOption();
        var command = new Command("test", "Dry-run a mapping against a sample record and print the target document.") { mapping, input, lookups, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var config = parseResult.InvocationConfiguration;
            var arguments = new MappingTestArguments(parseResult.GetValue(mapping), parseResult.GetValue(input), parseResult.GetValue(lookups));
            return await RunAsync(arguments, parseResult.GetValue(json), config.Output, config.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(MappingTestArguments arguments, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var prepared = await arguments.PrepareAsync(error, cancellationToken).ConfigureAwait(false);
        if (prepared is null)
        {
            return ExitCodes.Usage;
        }

        var (record, resolver) = prepared.Value;
        var loaded = MappingLoader.LoadPaths([arguments.Mapping!]);
        if (!loaded.IsValid)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                error.WriteLine(diagnostic);
            }

            return ExitCodes.Failed;
        }

        var engine = new MappingEngine(loaded.Set!);
        if (engine.Routes.Count == 0)
        {
            error.WriteLine($"error: {arguments.Mapping}: not a mapping file (a lookups file holds no mapping)");
            return ExitCodes.Usage;
        }

        var result = engine.Map(engine.Routes[0], record, resolver);
        return json ? ReportJson(result, output) : Report(result, output, error);
    }

    /// <summary>The whole outcome as one JSON document on stdout (the exit code is the same as without --json).</summary>
    private static int ReportJson(MapResult result, TextWriter output)
    {
        var report = new JsonObject
        {
            ["status"] = result.Status.ToString(),
            ["document"] = result.Document?.DeepClone(),
            ["filterReason"] = result.FilterReason,
            ["errors"] = new JsonArray([.. result.Errors.Select(e => (JsonNode?)JsonValue.Create(e.ToString()))]),
            ["missingLookups"] = new JsonArray([.. result.MissingLookups.Select(m => (JsonNode?)new JsonObject
            {
                ["field"] = m.Field,
                ["lookup"] = m.Lookup,
                ["sourceId"] = m.SourceId,
            })]),
        };
        output.WriteLine(report.ToJsonString(Pretty));
        return result.Status is MapStatus.Mapped or MapStatus.Filtered ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static int Report(MapResult result, TextWriter output, TextWriter error)
    {
        switch (result.Status)
        {
            case MapStatus.Mapped:
                output.WriteLine(result.Document!.ToJsonString(Pretty));
                return ExitCodes.Ok;
            case MapStatus.Filtered:
                output.WriteLine($"filtered: {result.FilterReason}");
                return ExitCodes.Ok;
        }

        foreach (var e in result.Errors)
        {
            error.WriteLine($"error: {e}");
        }

        foreach (var missing in result.MissingLookups)
        {
            error.WriteLine($"missing lookup: {missing.Field}: {missing.Lookup} has no target id for source id {missing.SourceId} (add it to --lookups; the pipeline would sync that record first)");
        }

        error.WriteLine($"{result.Errors.Count} error(s), {result.MissingLookups.Count} missing lookup(s).");
        return ExitCodes.Failed;
    }
}
