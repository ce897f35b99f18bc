using System.CommandLine;
using CrmBridge.Cli.Errors;

namespace CrmBridge.Cli;

/// <summary>Builds the root command from every <see cref="ICommandFactory"/> and runs it.</summary>
internal static class CliApp
{
    /// <summary>Gets the global <c>--verbose</c> option: stack traces on the console (they always go to the log file, if one is configured).</summary>
    public static Option<bool> VerboseOption { get; } = new("--verbose", "-v")
    {
        Description = "Print stack traces and debug details (errors are otherwise one line).",
        Recursive = true,
    };

    /// <summary>Builds the root command.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("crmbridge: CRM <-> ERP sync. Run the standalone host, dry-run mappings, inspect and replay what failed.")
        {
            VerboseOption,
        };
        var factories = typeof(CliApp).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommandFactory).IsAssignableFrom(t))
            .Select(t => (ICommandFactory)Activator.CreateInstance(t)!)
            .Select(f => f.Create())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var command in factories)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs the CLI.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Where normal output goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, CancellationToken.None);

    /// <summary>Runs the CLI until done or cancelled (Ctrl+C cancels through System.CommandLine as well).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Where normal output goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellationToken">Stops long-running commands such as <c>run</c> gracefully.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command is RootCommand ? string.Empty : parse.CommandResult.Command.Name + " ";
            await error.WriteLineAsync($"error: {string.Join("; ", parse.Errors.Select(e => e.Message))} (run 'crmbridge {command}--help' for usage)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var verbose = parse.GetValue(VerboseOption);
        CliContext.Verbose = verbose;
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("crmbridge: stopped.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception ex) // the CLI's boundary: every failure becomes one line (the trace only with --verbose)
        {
            var (line, code) = CliErrors.Describe(ex);
            await error.WriteLineAsync($"error: {line}").ConfigureAwait(false);
            if (verbose)
            {
                await error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return code;
        }
    }
}
