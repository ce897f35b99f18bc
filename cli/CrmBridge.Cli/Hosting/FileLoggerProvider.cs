using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Hosting;

/// <summary>
/// Appends every log entry, with its full exception, to the file <c>Logging:File:Path</c> names: the console stays one
/// line per entry, the file keeps the stack traces for later.
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="FileLoggerProvider"/> class.</summary>
    /// <param name="path">The log file (created, or appended to).</param>
    /// <param name="time">The clock.</param>
    public FileLoggerProvider(string path, TimeProvider time)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _time = time;
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var at = _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _writer.WriteLine($"{at} {level} {category}: {message}");
            if (exception is not null)
            {
                _writer.WriteLine(exception.ToString());
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
