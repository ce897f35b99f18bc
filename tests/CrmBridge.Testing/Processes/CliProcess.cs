using System.Collections.Concurrent;
using System.Diagnostics;

namespace CrmBridge.Testing.Processes;

/// <summary>Runs <c>dotnet crmbridge.dll ARGS</c> as a real separate process and collects its output lines.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private CliProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    /// <summary>Gets the CLI assembly: next to the tests when the build copied it, else in the CLI project's output.</summary>
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

    /// <summary>Starts <c>dotnet crmbridge.dll ARGS</c> in a folder, logging at Warning.</summary>
    /// <param name="workingDirectory">The working folder.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process.</returns>
    public static CliProcess Start(string workingDirectory, params string[] args) =>
        Start(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Starts <c>dotnet crmbridge.dll ARGS</c> in a folder with extra environment variables, logging at Warning.</summary>
    /// <param name="workingDirectory">The working folder.</param>
    /// <param name="environment">Environment variables to set (e.g. <c>CRMBRIDGE_Admin__Key</c>).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process.</returns>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["CRMBRIDGE_Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Add(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits for a line that starts with <paramref name="prefix"/>.</summary>
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

            await Task.Delay(100);
        }

        throw new TimeoutException($"No line starting '{prefix}' within {timeout.TotalSeconds} s. Output:\n{Output}");
    }

    /// <summary>Stops the process with SIGKILL (what a crash looks like to the store).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
