using System.CommandLine;
using CrmBridge.Mappings;

namespace CrmBridge.Cli.Commands;

/// <summary><c>crmbridge mapping validate FILE|DIR...</c>: exit 0 when valid, 1 with every error, 2 for bad arguments.</summary>
internal static class MappingValidateCommand
{
    public static Command Create()
    {
        // Arity is checked in the action so that a missing argument exits 2 like a missing path does.
        var paths = new Argument<string[]>("paths") { Description = "Mapping files (*.yaml, *.yml) or directories (searched recursively).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("validate", "Validate mapping files against the schema and the semantic rules; prints every error with file and line.") { paths };
        command.SetAction((parseResult, _) => Task.FromResult(Run(parseResult.GetValue(paths) ?? [], parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error)));
        return command;
    }

    private static int Run(string[] paths, TextWriter output, TextWriter error)
    {
        if (paths.Length == 0)
        {
            error.WriteLine("error: give at least one mapping file or directory, e.g. crmbridge mapping validate mappings/");
            return MappingCommand.BadArguments;
        }

        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        foreach (var path in missing)
        {
            error.WriteLine($"error: {path}: no such file or directory");
        }

        if (missing.Length > 0)
        {
            return MappingCommand.BadArguments;
        }

        var result = MappingLoader.LoadPaths(paths);
        if (!result.IsValid)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                error.WriteLine(diagnostic);
            }

            var files = result.Diagnostics.Select(d => d.File).Distinct(StringComparer.Ordinal).Count();
            error.WriteLine($"{result.Diagnostics.Count} error(s) in {files} file(s).");
            return 1;
        }

        foreach (var route in result.Set!.Routes)
        {
            output.WriteLine($"ok  {result.Set.FileOf(route)}: {route.Name} ({route.SourceSystem} {route.SourceEntity} -> {route.TargetSystem} {route.TargetEntity})");
        }

        output.WriteLine($"{result.Set.Routes.Count} mapping(s) valid.");
        return 0;
    }
}
