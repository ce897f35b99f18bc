using System.CommandLine;
using System.Text.Json;
using CrmBridge.Cli.Output;
using CrmBridge.Mappings;

namespace CrmBridge.Cli.Commands;

/// <summary><c>crmbridge mapping validate FILE|DIR...</c>: exit 0 when valid, 1 with every error, 2 for bad arguments.</summary>
internal static class MappingValidateCommand
{
    public static Command Create()
    {
        // Arity is checked in the action so that a missing argument exits 2 like a missing path does.
        var paths = new Argument<string[]>("paths") { Description = "Mapping files (*.yaml, *.yml) or directories (searched recursively).", Arity = ArgumentArity.ZeroOrMore };
        var json = CommandRunner.JsonOption();
        var command = new Command("validate", "Validate mapping files against the schema and the semantic rules; prints every error with file and line.") { paths, json };
        command.SetAction((parseResult, _) => Task.FromResult(Run(parseResult.GetValue(paths) ?? [], parseResult.GetValue(json), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error)));
        return command;
    }

    private static int Run(string[] paths, bool json, TextWriter output, TextWriter error)
    {
        if (paths.Length == 0)
        {
            error.WriteLine("error: give at least one mapping file or directory, e.g. crmbridge mapping validate mappings/");
            return ExitCodes.Usage;
        }

        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        foreach (var path in missing)
        {
            error.WriteLine($"error: {path}: no such file or directory");
        }

        if (missing.Length > 0)
        {
            return ExitCodes.Usage;
        }

        var result = MappingLoader.LoadPaths(paths);
        if (json)
        {
            var report = new
            {
                valid = result.IsValid,
                mappings = result.IsValid
                    ? result.Set!.Routes.Select(r => new { file = result.Set.FileOf(r), name = r.Name, source = $"{r.SourceSystem} {r.SourceEntity}", target = $"{r.TargetSystem} {r.TargetEntity}" }).ToArray()
                    : [],
                errors = result.Diagnostics.Select(d => new { file = d.File, line = d.Line, rule = d.RulePath, message = d.Message }).ToArray(),
            };
            output.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            return result.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
        }

        if (!result.IsValid)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                error.WriteLine(diagnostic);
            }

            var files = result.Diagnostics.Select(d => d.File).Distinct(StringComparer.Ordinal).Count();
            error.WriteLine($"{result.Diagnostics.Count} error(s) in {files} file(s).");
            return ExitCodes.Failed;
        }

        foreach (var route in result.Set!.Routes)
        {
            output.WriteLine($"ok  {result.Set.FileOf(route)}: {route.Name} ({route.SourceSystem} {route.SourceEntity} -> {route.TargetSystem} {route.TargetEntity})");
        }

        output.WriteLine($"{result.Set.Routes.Count} mapping(s) valid.");
        return ExitCodes.Ok;
    }
}
