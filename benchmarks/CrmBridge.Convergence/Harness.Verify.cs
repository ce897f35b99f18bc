using System.Diagnostics;
using System.Text.Json.Nodes;
using CrmBridge.Processes;

namespace CrmBridge.Convergence;

/// <content>Waiting for quiet and verifying with reconcile, the ERP's records and the dead letters.</content>
internal sealed partial class Harness
{
    private async Task WaitQuietAsync(string work, string config, CliProcess run, Stopwatch clock)
    {
        var quiet = 0;
        var deadline = Stopwatch.StartNew();
        while (quiet < 3)
        {
            if (deadline.Elapsed > _settings.QuietTimeout)
            {
                Console.WriteLine($"Not quiet after {_settings.QuietTimeout.TotalSeconds:F0} s; verifying anyway.");
                return;
            }

            _peakMemoryMb = Math.Max(_peakMemoryMb, run.PeakMemoryMb());
            var (code, output) = await CliProcess.RunAsync(Cli(work), "status", "--config", config, "--json");
            var pending = code == 0 ? JsonNode.Parse(output)!["pending"]!.GetValue<long>() : -1;
            quiet = pending == 0 ? quiet + 1 : 0;
            if (pending != 0)
            {
                Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] queue {pending}");
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>Reconciles the given source entities' routes into <paramref name="result"/>.</summary>
    private async Task ReconcileAsync(string work, string config, IEnumerable<(string System, string Entity)> sources, HarnessResult result)
    {
        foreach (var (system, entity) in sources)
        {
            var (_, output) = await CliProcess.RunAsync(Cli(work), "reconcile", "--config", config, "--system", system, "--entity", entity, "--json", "--examples", "20");
            var report = JsonNode.Parse(output)!;
            foreach (var route in report["routes"]!.AsArray())
            {
                int Get(string name) => route![name]!.GetValue<int>();
                result.Lost += Get("missing");
                result.Stale += Get("stale");
                result.Orphaned += Get("orphaned");
                result.Unmappable += Get("unmappable");
                Console.WriteLine($"  {route!["route"]}: checked {Get("checked")}, in sync {Get("inSync")}, missing {Get("missing")}, stale {Get("stale")}, orphaned {Get("orphaned")}, unmappable {Get("unmappable")}, echoes {Get("echoes")}");
                foreach (var example in route["examples"]!.AsArray())
                {
                    Console.WriteLine($"    {example!["kind"]} {example["sourceId"]} -> {example["targetId"]}: {example["detail"]}");
                }
            }
        }
    }

    private async Task VerifyAsync(string work, string config, SandboxControl control, List<string> erpEntities, HarnessResult result)
    {
        await ReconcileAsync(work, config, erpEntities.Select(e => ("erp", e)), result);
        foreach (var entity in new[] { "customers", "salesOrders", "cases" })
        {
            var records = (await control.GetAsync($"erp/records/{entity}")).AsArray();
            var duplicated = records.GroupBy(r => r!["externalId"]?.ToString() ?? "").Where(g => g.Key.Length > 0 && g.Count() > 1).Sum(g => g.Count() - 1);
            result.Duplicated += duplicated;
            Console.WriteLine($"  ERP {entity}: {records.Count} records, {duplicated} duplicates by externalId");
        }

        var (_, letters) = await CliProcess.RunAsync(Cli(work), "deadletters", "list", "--config", config, "--json", "--limit", "1000000");
        var open = JsonNode.Parse(letters)!.AsArray();
        result.DeadLettered = open.Count;
        foreach (var group in open.GroupBy(l => l!["errorCode"]?.ToString() ?? "?"))
        {
            Console.WriteLine($"  dead letters {group.Key}: {group.Count()} (e.g. {group.First()!["reason"]})");
        }

        (result.UnexpectedDeadLetters, result.MissedUnmappable) = CheckDeadLetters(open);
    }
}
