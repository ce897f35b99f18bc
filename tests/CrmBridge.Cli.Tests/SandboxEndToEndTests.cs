using System.Diagnostics;
using System.Text.Json.Nodes;
using CrmBridge.Processes;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>
/// The operator's day against <c>crmbridge sandbox</c> in a process of its own: <c>run</c> (a second real process, killed
/// and restarted), <c>status</c>, a record made unmappable through the sandbox (dead letter), the mapping fixed, <c>backfill</c>,
/// <c>deadletters replay</c>, and <c>reconcile</c> finding a stale record, repairing it and proving the sync whole.
/// </summary>
public sealed class SandboxEndToEndTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crmbridge-sandbox-e2e-");

    private string Config => Path.Combine(_folder.FullName, "sandbox.json");

    [Fact]
    public async Task Sandbox_RunStatusDeadLetterFixBackfillReplayReconcile_EndsWhole()
    {
        // Mappings copied so the test can fix one, as an admin fixes theirs.
        var mappings = Path.Combine(_folder.FullName, "mappings");
        Copy(Path.Combine(AppContext.BaseDirectory, "mappings"), mappings);
        using var sandbox = CliProcess.Start(_folder.FullName, "sandbox", "--crm", "dataverse", "--records", "8", "--config-out", Config, "--mappings", mappings);
        await sandbox.WaitForLineAsync("Sandbox ready.", Wait);
        var control = (await sandbox.WaitForLineAsync("control ", Wait)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        using var http = new HttpClient { BaseAddress = new Uri(control) };

        var run = CliProcess.Start(_folder.FullName, "run", "--config", Config);
        try
        {
            await UntilAsync(async () => (await Records(http, "customers")).Count == 8, "8 customers in the ERP");
            // The ERP write comes before the outcome is logged: wait for status to show the route, not just for the ERP.
            await UntilAsync(async () => (await Cli("status", "--config", Config)).Output.Contains("dataverse-account-to-erp-customer", StringComparison.Ordinal), "status shows the customer route");
            var (code, output, _) = await Cli("status", "--config", Config);
            Assert.Equal(0, code);
            Assert.Contains("dataverse-account-to-erp-customer", output, StringComparison.Ordinal);

            // A country the mapping's value map does not know: the record cannot be mapped and is dead-lettered.
            var accounts = (await http.GetFromJsonNodeAsync("crm/records/accounts")).AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(0, (await Cli("sandbox", "edit", "--config", Config, "--entity", "accounts", "--id", accounts[0], "--set", "address1_country=Atlantis")).Code);
            await UntilAsync(async () => (await Cli("deadletters", "list", "--config", Config, "--json")).Output.Contains(accounts[0], StringComparison.Ordinal), "a dead letter for the unmappable account");
        }
        finally
        {
            run.Dispose(); // SIGKILL: the store must survive a crash.
        }

        // While the host is down: a CRM edit it will not see until it restarts, and the mapping fixed.
        var edited = await Cli("sandbox", "edit", "--config", Config, "--entity", "accounts", "--id", await SecondAccountAsync(http), "--set", "name=Renamed Trading Ltd", "--json");
        Assert.Equal(0, edited.Code);
        Assert.Equal("name", System.Text.Json.Nodes.JsonNode.Parse(edited.Output)!["fields"]![0]!.GetValue<string>());
        var accountMapping = Path.Combine(mappings, "dataverse", "dataverse-account-to-erp-customer.yaml");
        File.WriteAllText(accountMapping, File.ReadAllText(accountMapping).Replace("Japan: JP, JP: JP }", "Japan: JP, JP: JP, Atlantis: AQ }", StringComparison.Ordinal));

        var stale = await Cli("reconcile", "--config", Config, "--system", "dataverse", "--entity", "accounts", "--json");
        Assert.Equal(1, stale.Code);
        var report = JsonNode.Parse(stale.Output)!["routes"]![0]!;
        // Both accounts reached the ERP before their edits: the renamed one and the dead-lettered one (its mapping now fixed) are stale.
        Assert.Equal((2, 0), (report["stale"]!.GetValue<int>(), report["missing"]!.GetValue<int>()));

        Assert.Equal(0, (await Cli("backfill", "--config", Config, "--system", "dataverse", "--entity", "incidents")).Code);
        var replay = await Cli("deadletters", "replay", "--all", "--config", Config);
        Assert.Equal(0, replay.Code);
        Assert.Equal(0, (await Cli("reconcile", "--config", Config, "--system", "dataverse", "--entity", "accounts", "--repair")).Code);

        using var restarted = CliProcess.Start(_folder.FullName, "run", "--config", Config);
        await UntilAsync(async () => (await Cli("reconcile", "--config", Config, "--system", "dataverse", "--entity", "accounts")).Code == 0, "reconcile whole");
        var customers = await Records(http, "customers");
        Assert.Contains(customers, c => c!["name"]!.GetValue<string>() == "Renamed Trading Ltd");
        Assert.Contains(customers, c => c!["address"]?["country"]?.GetValue<string>() == "AQ");
        var open = await Cli("deadletters", "list", "--config", Config, "--json");
        Assert.Empty(JsonNode.Parse(open.Output)!.AsArray()); // the replayed dead letter closed itself on delivery
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static Task<(int Code, string Output, string Error)> Cli(params string[] args) => CliHarness.RunAsync(args);

    private static async Task<JsonArray> Records(HttpClient http, string entity) => (await http.GetFromJsonNodeAsync($"erp/records/{entity}")).AsArray();

    private static async Task<string> SecondAccountAsync(HttpClient http) =>
        (await http.GetFromJsonNodeAsync("crm/records/accounts")).AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ElementAt(1);

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Wait, $"Timed out waiting for {what}.");
            await Task.Delay(500);
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
