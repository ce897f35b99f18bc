using System.CommandLine;
using CrmBridge.Hosting;
using CrmBridge.Mappings;
using Microsoft.Extensions.Options;

namespace CrmBridge.Cli.Commands;

/// <summary>Runs a command body with the CLI's error handling: configuration problems become one clear line and exit 2.</summary>
internal static class CommandRunner
{
    /// <summary>Runs a command body.</summary>
    /// <param name="parse">The parse result (gives the output writers).</param>
    /// <param name="body">The body: (output, error, cancellation) → exit code.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await body(output, error, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (HostingConfigurationException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (FileNotFoundException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"configuration error: {string.Join("; ", ex.Failures)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (MappingException ex)
        {
            await error.WriteLineAsync("The mappings are invalid:").ConfigureAwait(false);
            foreach (var diagnostic in ex.Diagnostics)
            {
                await error.WriteLineAsync($"  {diagnostic}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (InvalidDataException ex)
        {
            await error.WriteLineAsync($"configuration error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
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
