using System.Net.Http;
using CrmBridge.Connectors;
using CrmBridge.Hosting;
using CrmBridge.Mappings;
using Microsoft.Extensions.Options;

namespace CrmBridge.Cli.Errors;

/// <summary>
/// Turns a failure that reached the CLI's boundary into one line for a person (what, where, what to do) and an exit code.
/// The stack trace is printed only with <c>--verbose</c>.
/// </summary>
internal static class CliErrors
{
    /// <summary>Describes a failure.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <returns>The one line (without the <c>error: </c> prefix) and the exit code.</returns>
    public static (string Line, int ExitCode) Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Unwrap(exception) switch
        {
            CliException ex => (ex.Message, ExitCodes.Usage),
            HostingConfigurationException ex => (ex.Message, ExitCodes.Usage),
            FileNotFoundException ex => (ex.Message, ExitCodes.Usage),
            DirectoryNotFoundException ex => (ex.Message, ExitCodes.Usage),
            OptionsValidationException ex => ("configuration error: " + string.Join("; ", ex.Failures), ExitCodes.Usage),
            MappingException ex => (Mappings(ex), ExitCodes.Usage),
            InvalidDataException ex => ("configuration error: " + FirstLine(ex.Message), ExitCodes.Usage),
            ConnectorException ex => (Connector(ex), ExitCodes.Failed),
            HttpRequestException ex => ($"{FirstLine(ex.Message)}. Check the base URL in Connectors:* and that the system is reachable from here.", ExitCodes.Failed),
            UnauthorizedAccessException ex => ($"{FirstLine(ex.Message)} Check the file permissions.", ExitCodes.Failed),
            IOException ex => ($"{FirstLine(ex.Message)}", ExitCodes.Failed),
            var ex => ($"unexpected {ex.GetType().Name}: {FirstLine(ex.Message)} (run again with --verbose for the details, and report it if it persists)", ExitCodes.Failed),
        };
    }

    private static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        if (exception is AggregateException many && many.InnerExceptions.All(e => e is OptionsValidationException))
        {
            var failures = many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToArray();
            return new OptionsValidationException(string.Empty, typeof(object), failures);
        }

        return exception;
    }

    private static string Connector(ConnectorException exception)
    {
        var message = FirstLine(exception.Message);
        var prefix = exception.System + ": ";
        message = message.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? message[prefix.Length..] : message;
        var section = ConnectorTable.All.FirstOrDefault(c => c.Systems.Contains(exception.System, StringComparer.OrdinalIgnoreCase))?.Section ?? ConfigurationKeys.Connectors;
        return $"{exception.System}: {message} [{exception.ErrorCode}]. Check {section} (base URL, credentials) and that {exception.System} is reachable from here.";
    }

    private static string Mappings(MappingException exception)
    {
        var first = exception.Diagnostics.FirstOrDefault()?.ToString() ?? FirstLine(exception.Message);
        var more = exception.Diagnostics.Count - 1;
        return more > 0
            ? $"{first} (and {more} more mapping error(s); 'crmbridge mapping validate' lists them all)"
            : $"{first} (fix the mapping; 'crmbridge mapping validate' checks it)";
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
