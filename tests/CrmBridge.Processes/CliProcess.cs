using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CrmBridge.Processes;

/// <summary>
/// Runs <c>dotnet crmbridge.dll ARGS</c> as a real separate process: collects its output lines (and appends them to a
/// log file when asked), stops it with SIGKILL, and reads its CPU time and peak memory from /proc.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter? _log;

    private CliProcess(Process process, StreamWriter? log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>Gets the output lines so far (standard output and error), joined by new lines.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Gets a value indicating whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets the CLI assembly: next to the caller when its build copied it, else in the CLI project's output.</summary>
    public static string CliDll
    {
        get
        {
            var local = Path.Combine(AppContext.BaseDirectory, "crmbridge.dll");
            return File.Exists(Path.Combine(AppContext.BaseDirectory, "crmbridge.runtimeconfig.json"))
                ? local
                : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "cli", "CrmBridge.Cli", "bin",
                    Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!)!, "net10.0", "crmbridge.dll"));
        }
    }

    /// <summary>Starts <see cref="CliDll"/> in a folder, logging at Warning.</summary>
    /// <param name="workingDirectory">The working folder.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process.</returns>
    public static CliProcess Start(string workingDirectory, params string[] args) =>
        Start(new CliStartOptions { WorkingDirectory = workingDirectory }, args);

    /// <summary>Starts <see cref="CliDll"/> in a folder with extra environment variables, logging at Warning.</summary>
    /// <param name="workingDirectory">The working folder.</param>
    /// <param name="environment">Environment variables to set (e.g. <c>CRMBRIDGE_Admin__Key</c>).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process.</returns>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(new CliStartOptions { WorkingDirectory = workingDirectory, Environment = environment }, args);

    /// <summary>Starts the CLI as <paramref name="options"/> say, logging at Warning.</summary>
    /// <param name="options">Which CLI, where, with what environment and log file.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process.</returns>
    public static CliProcess Start(CliStartOptions options, params string[] args)
    {
        var log = options.LogFile is null ? null : new StreamWriter(Path.Combine(options.WorkingDirectory, options.LogFile), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = StartInfo(options, "Warning", args) };
        var cli = new CliProcess(process, log);
        process.OutputDataReceived += (_, e) => cli.Add(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs a short command to completion with logging off (its output is often parsed as JSON).</summary>
    /// <param name="options">Which CLI, where, with what environment (a log file is not written).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code and the standard output.</returns>
    public static async Task<(int Code, string Output)> RunAsync(CliStartOptions options, params string[] args)
    {
        using var process = Process.Start(StartInfo(options, "None", args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        await error.ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false));
    }

    /// <summary>Waits for a line that starts with <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The start of the line.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The first such line.</returns>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>, or the process exited without one.</exception>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"No line starting '{prefix}' within {timeout.TotalSeconds} s. Output:\n{Output}");
    }

    /// <summary>Gets the process's peak resident memory (VmHWM) in MB, or 0 when it has exited.</summary>
    /// <returns>The peak memory in MB.</returns>
    public double PeakMemoryMb()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Gets the process's CPU time so far (user + system, from /proc/PID/stat in 1/100 s ticks), or 0 when it has exited.</summary>
    /// <returns>The CPU time in seconds.</returns>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": state is field 3, utime 14, stime 15
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Stops the process with SIGKILL: what a crash looks like to the queue and the store.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Kills the process if it still runs and closes the log file.</summary>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _log?.Dispose();
    }

    private static ProcessStartInfo StartInfo(CliStartOptions options, string logLevel, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = options.WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(options.Cli);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["CRMBRIDGE_Logging__LogLevel__Default"] = logLevel;
        foreach (var (name, value) in options.Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (_log is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }
}
