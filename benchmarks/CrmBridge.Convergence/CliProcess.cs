using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CrmBridge.Convergence;

/// <summary>A <c>dotnet crmbridge.dll …</c> process: output kept (and appended to a log file), SIGKILL, peak memory from /proc.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _log;

    private CliProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    public IEnumerable<string> Lines => _lines;

    public static CliProcess Start(string cli, string workDirectory, string logName, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["CRMBRIDGE_Logging__LogLevel__Default"] = "Warning";
        var log = new StreamWriter(Path.Combine(workDirectory, logName), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var cli2 = new CliProcess(process, log);
        process.OutputDataReceived += (_, e) => cli2.Add(e.Data);
        process.ErrorDataReceived += (_, e) => cli2.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli2;
    }

    /// <summary>Runs a short command to completion and returns its exit code and standard output.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string cli, string workDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Its output is parsed as JSON: log lines (written to the console) must not mix in.
        info.Environment["CRMBRIDGE_Logging__LogLevel__Default"] = "None";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await error;
        return (process.ExitCode, await output);
    }

    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !_process.HasExited)
        {
            if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No '{prefix}' line: {string.Join('\n', _lines)}");
    }

    /// <summary>The process's peak resident memory (VmHWM) in MB, or 0 when it has exited.</summary>
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

    /// <summary>The process's CPU time so far (user + system, from /proc/PID/stat; clock ticks of 1/100 s), or 0 when it has exited.</summary>
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

    /// <summary>SIGKILL: what a crash looks like to the queue and the store.</summary>
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
        _log.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        lock (_log)
        {
            _log.WriteLine(line);
        }
    }
}
