using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Processes;

namespace CrmBridge.Convergence;

/// <summary>
/// Starts <c>crmbridge sandbox</c> (its own process), runs <c>crmbridge run</c> as a separate process that it SIGKILLs and
/// restarts on the same SQLite file, edits CRM records meanwhile (some twice within a second), takes the ERP down for a
/// window, waits for quiet, and proves the result with <c>crmbridge reconcile</c> (ReconcileService) per source entity.
/// </summary>
internal sealed partial class Harness
{
    private readonly HarnessSettings _settings;
    private readonly string _cli;
    private double _peakMemoryMb;

    public Harness(HarnessSettings settings, string cli)
    {
        _settings = settings;
        _cli = cli;
    }

    public static string FindCli()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
        {
            dir = dir.Parent;
        }

        var bin = Path.Combine(dir?.FullName ?? ".", "cli", "CrmBridge.Cli", "bin");
        return new[] { "Release", "Debug" }.Select(c => Path.Combine(bin, c, "net10.0", "crmbridge.dll")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("Build the CLI first (dotnet build cli/CrmBridge.Cli -c Release) or pass --cli PATH.");
    }

    public async Task<int> RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("crmbridge-convergence-").FullName;
        var config = Path.Combine(work, "sandbox.json");
        Console.WriteLine($"Work folder: {work}");
        using var sandbox = StartSandbox(work, config);
        await sandbox.WaitForLineAsync("Sandbox ready.", TimeSpan.FromMinutes(15));
        var seeded = Seeded(await sandbox.WaitForLineAsync("seeded ", TimeSpan.FromSeconds(1)));
        using var control = new SandboxControl(new Uri((await sandbox.WaitForLineAsync("control ", TimeSpan.FromSeconds(1))).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
        var (crmEntities, erpEntities) = Polled(config);
        Console.WriteLine($"Seeded {string.Join(", ", seeded.Select(s => $"{s.Key} {s.Value}"))}; polled: {string.Join(", ", crmEntities.Concat(erpEntities))}");

        await control.SetErpFaultRateAsync(_settings.FaultRate, _settings.FaultKind);
        var accounts = (await control.GetAsync($"crm/records/{crmEntities[0]}")).AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var erp = new Uri((await sandbox.WaitForLineAsync("erp ", TimeSpan.FromSeconds(1))).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]);
        var clock = Stopwatch.StartNew();
        var firstSync = FirstSyncAsync(control, erp, seeded.Values.Sum(), clock);
        var run = StartRun(work);
        await PlantUnmappableAsync(control, crmEntities[0]);
        var busy = _settings.KillEvery * _settings.Kills + _settings.Outage;
        var edits = EditAsync(control, crmEntities[0], accounts, busy);
        try
        {
            for (var k = 1; k <= _settings.Kills; k++)
            {
                await SampleWhileAsync(run, _settings.KillEvery);
                run.Kill();
                Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] SIGKILL {k}/{_settings.Kills}; restarting on the same store");
                run.Dispose();
                run = StartRun(work);
            }

            await control.OutageAsync(true);
            Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] ERP outage on for {_settings.Outage.TotalSeconds:F0} s");
            await SampleWhileAsync(run, _settings.Outage);
            await control.OutageAsync(false);
            Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] ERP outage off");
            var (single, twice) = await edits;
            Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] edits done: {single} once, {twice} twice within 1 s; waiting for quiet");
            await WaitQuietAsync(work, config, run, clock);
            var seconds = clock.Elapsed.TotalSeconds;
            var calls = await control.ApiCallsAsync();

            // CRM -> ERP first: shipping changes the orders' status in the CRM, and a route's filter may then exclude them.
            // The bridge is quiet: the faults go, so that reconcile's own reads are not faulted.
            await control.SetErpFaultRateAsync(0);
            var result = new HarnessResult();
            Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] reconciling the CRM -> ERP routes");
            await ReconcileAsync(work, config, crmEntities.Select(e => (_settings.Crm, e)), result);

            // The ERP users' side: ship every order and resolve every case, so the ERP -> CRM routes have something to prove.
            await control.PostAsync("erp/ship");
            await control.PostAsync("erp/resolve");
            Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] shipped every order and resolved every case in the ERP");
            await WaitQuietAsync(work, config, run, clock);
            _peakMemoryMb = Math.Max(_peakMemoryMb, run.PeakMemoryMb());
            run.Kill();
            await VerifyAsync(work, config, control, erpEntities, result);
            var records = seeded.Values.Sum();
            var first = await firstSync;
            Console.WriteLine();
            Console.WriteLine($"Settings: {_settings}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Initial sync: every seeded record in the ERP after {first:F0} s ({records / first:F1} records/s with faults and kills)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Records: {records} seeded + {single + 2 * twice} edits; quiet after {seconds:F0} s ({records / seconds:F1} records/s including kills and the outage); API calls per record {calls / (double)records:F2}; peak memory of run {_peakMemoryMb:F0} MB"));
            Console.WriteLine($"Lost {result.Lost} · duplicated {result.Duplicated} · stale {result.Stale} · orphaned {result.Orphaned} · dead-lettered {result.DeadLettered} (unmappable at the source {result.Unmappable}; planted {_bad.Count}; other dead letters {result.UnexpectedDeadLetters}; planted without exactly one {result.MissedUnmappable})");
            return result.Lost + result.Duplicated + result.Stale + result.UnexpectedDeadLetters + result.MissedUnmappable == 0 ? 0 : 1;
        }
        finally
        {
            run.Dispose();
        }
    }

    private CliProcess StartRun(string work) => CliProcess.Start(Cli(work, "run.log"), "run", "--config", Path.Combine(work, "sandbox.json"));

    private CliProcess StartSandbox(string work, string config) => CliProcess.Start(Cli(work, "sandbox.log"), "sandbox", "--crm", _settings.Crm,
        "--records", Invariant(_settings.Customers), "--config-out", config, "--db", Path.Combine(work, "bridge.db"));

    private CliStartOptions Cli(string work, string? logFile = null) => new() { Cli = _cli, WorkingDirectory = work, LogFile = logFile };

    private async Task SampleWhileAsync(CliProcess run, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            _peakMemoryMb = Math.Max(_peakMemoryMb, run.PeakMemoryMb());
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(1, (duration - clock.Elapsed).TotalMilliseconds))));
        }
    }

    private async Task<(int Single, int Twice)> EditAsync(SandboxControl control, string entity, List<string> ids, TimeSpan over)
    {
        var random = new Random(20261128);
        var shuffled = ids.OrderBy(_ => random.Next()).ToList();
        var once = shuffled.Take((int)(ids.Count * _settings.EditShare)).ToList();
        var twice = shuffled.Skip(once.Count).Take((int)(ids.Count * _settings.TwiceShare)).ToList();
        var plan = once.Select(id => (Id: id, Twice: false)).Concat(twice.Select(id => (Id: id, Twice: true))).OrderBy(_ => random.Next()).ToList();
        var gap = plan.Count == 0 ? TimeSpan.Zero : over * 0.9 / plan.Count;
        var n = 0;
        foreach (var (id, two) in plan)
        {
            n++;
            await control.EditAsync(entity, id, _settings.AccountField, $"Convergence {n:D5} first");
            if (two)
            {
                await Task.Delay(200); // the second edit lands in the same second (or the next) as the first
                await control.EditAsync(entity, id, _settings.AccountField, $"Convergence {n:D5} second");
            }

            await Task.Delay(gap);
        }

        return (once.Count, twice.Count);
    }

    private static async Task<double> FirstSyncAsync(SandboxControl control, Uri erp, int expected, Stopwatch clock)
    {
        // The ERP emulator's own stats endpoint counts its records without listing them.
        while (true)
        {
            var stats = await control.GetAsync(new Uri(erp, "_sandbox/stats").ToString());
            if (stats["customers"]!.GetValue<int>() + stats["salesOrders"]!.GetValue<int>() + stats["cases"]!.GetValue<int>() >= expected)
            {
                return clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(500);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, int> Seeded(string line) =>
        line["seeded".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split(' ')).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static (List<string> Crm, List<string> Erp) Polled(string config)
    {
        var targets = JsonNode.Parse(File.ReadAllText(config))!["Polling"]!["Targets"]!.AsArray();
        var pairs = targets.Select(t => (System: t!["System"]!.GetValue<string>(), Entity: t["Entity"]!.GetValue<string>())).ToList();
        return (pairs.Where(p => p.System != "erp").Select(p => p.Entity).ToList(), pairs.Where(p => p.System == "erp").Select(p => p.Entity).ToList());
    }
}
