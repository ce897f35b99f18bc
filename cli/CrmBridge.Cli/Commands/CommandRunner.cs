using System.CommandLine;

namespace CrmBridge.Cli.Commands;

/// <summary>Runs a command body; its failures reach <see cref="CliApp"/>, which reports each as one line (configuration problems exit 2).</summary>
internal static class CommandRunner
{
    /// <summary>Runs a command body.</summary>
    /// <param name="parse">The parse result (gives the output writers).</param>
    /// <param name="body">The body: (output, error, cancellation) → exit code.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        // Failures propagate to the CLI's boundary (CliApp), which prints one line per failure (see CliErrors).
        return await body(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the shared <c>--config</c> option.</summary>
    /// <returns>The option.</returns>
    public static Option<string?> ConfigOption() => new("--config", "-c")
    {
        Description = "The configuration file (JSON). Default: crmbridge.json in the working directory, if present; secrets from CRMBRIDGE_* environment variables.",
    };

    /// <summary>Creates the shared <c>--json</c> option.</summary>
    /// <returns>The option.</returns>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of a table." };
}
