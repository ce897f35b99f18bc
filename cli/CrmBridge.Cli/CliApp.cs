using System.CommandLine;

namespace CrmBridge.Cli;

/// <summary>Builds the root command from every <see cref="ICommandFactory"/> and runs it.</summary>
internal static class CliApp
{
    /// <summary>Builds the root command.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("crmbridge: CRM <-> ERP sync. Run the standalone host, dry-run mappings, inspect and replay what failed.");
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
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'crmbridge --help' (or 'crmbridge COMMAND --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var config = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
    }
}
