using System.Diagnostics;
using System.Globalization;
using CrmBridge.Processes;

namespace CrmBridge.Convergence;

/// <content>
/// <c>--throughput</c>: the bridge's own cost of an initial sync, with the emulators in their own process. Starts
/// <c>crmbridge sandbox</c>, then <c>crmbridge run</c>, and waits until the ERP holds every seeded record (no faults, no
/// kills, no edits); reports the run process's CPU seconds (user + system, from /proc — on a shared machine more
/// trustworthy than wall clock), records per CPU second, records per wall-clock second, and its peak RSS (VmHWM).
/// </content>
internal sealed partial class Harness
{
    public async Task<int> RunThroughputAsync()
    {
        var work = Directory.CreateTempSubdirectory("crmbridge-throughput-").FullName;
        var config = Path.Combine(work, "sandbox.json");
        using var sandbox = StartSandbox(work, config);
        await sandbox.WaitForLineAsync("Sandbox ready.", TimeSpan.FromMinutes(15));
        var seeded = Seeded(await sandbox.WaitForLineAsync("seeded ", TimeSpan.FromSeconds(1)));
        using var control = new SandboxControl(new Uri((await sandbox.WaitForLineAsync("control ", TimeSpan.FromSeconds(1))).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
        var erp = new Uri((await sandbox.WaitForLineAsync("erp ", TimeSpan.FromSeconds(1))).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]);
        var records = seeded.Values.Sum();
        var sandboxCpuBefore = sandbox.CpuSeconds();
        var clock = Stopwatch.StartNew();
        using var run = StartRun(work);
        var synced = FirstSyncAsync(control, erp, records, clock);
        while (!synced.IsCompleted)
        {
            _peakMemoryMb = Math.Max(_peakMemoryMb, run.PeakMemoryMb());
            await Task.WhenAny(synced, Task.Delay(250));
        }

        var seconds = await synced;
        var cpu = run.CpuSeconds();
        _peakMemoryMb = Math.Max(_peakMemoryMb, run.PeakMemoryMb());
        var sandboxCpu = sandbox.CpuSeconds() - sandboxCpuBefore;
        run.Kill();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput ({_settings.Crm}, {_settings.Customers} customers): {records} records in the ERP after {seconds:F1} s wall clock ({records / seconds:F0} records/s); " +
            $"run process {cpu:F1} CPU s ({cpu * 1e6 / records:F0} µs per record, {records / cpu:F0} records per CPU second), peak RSS {_peakMemoryMb:F0} MB; " +
            $"sandbox process {sandboxCpu:F1} CPU s meanwhile; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        return 0;
    }
}
