using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CrmBridge.Cli.Hosting;

/// <summary>
/// The standalone host's console format: one line per entry (<c>08:00:01 warn CrmBridge.Pipeline…: message</c>). An
/// exception adds its type and first message line, not its stack trace — that is for <c>--verbose</c> and the log file.
/// </summary>
internal sealed class OneLineConsoleFormatter : ConsoleFormatter
{
    /// <summary>The formatter's name.</summary>
    public const string FormatterName = "crmbridge";

    private readonly TimeProvider _time;

    public OneLineConsoleFormatter()
        : this(TimeProvider.System)
    {
    }

    public OneLineConsoleFormatter(TimeProvider time)
        : base(FormatterName) => _time = time;

    /// <summary>Gets or sets a value indicating whether stack traces are written (<c>--verbose</c>).</summary>
    public bool Verbose { get; set; }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var at = _time.GetLocalNow().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        textWriter.Write($"{at} {Level(logEntry.LogLevel)} {Category(logEntry.Category)}: {message}");
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(Verbose ? Environment.NewLine + exception : $" ({exception.GetType().Name}: {FirstLine(exception.Message)})");
        }

        textWriter.WriteLine();
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private static string Category(string category) => category[(category.LastIndexOf('.') + 1)..];

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
