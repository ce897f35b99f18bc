using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>
/// Every expected failure prints one line (what, where, what to do) on stderr, no stack trace, and exits nonzero.
/// </summary>
public sealed class OneLineErrorTests : IDisposable
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "mappings");
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task MappingValidate_UnclosedBrace_NamesFileAndLine()
    {
        var file = BrokenMapping(_cli.Folder);

        var (code, _, error) = await CliHarness.RunAsync("mapping", "validate", file);

        Assert.Equal(1, code);
        Assert.Contains("broken.yaml:", error, StringComparison.Ordinal);
        Assert.Contains("YAML syntax error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MappingTest_UnclosedBrace_NamesFileAndLine()
    {
        var file = BrokenMapping(_cli.Folder);
        var record = Path.Combine(_cli.Folder, "record.json");
        await File.WriteAllTextAsync(record, "{\"id\":\"1\"}");

        var (code, _, error) = await CliHarness.RunAsync("mapping", "test", file, "--input", record);

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(@"broken\.yaml:\d+: YAML syntax error", line);
    }

    [Fact]
    public async Task Run_UnclosedBraceInAMapping_OneLineWithFileAndLine()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Folder, "mappings")).FullName;
        BrokenMapping(folder);
        using var cli = Configured(folder, Targets(("zoho", "Accounts", "00:00:30")));

        var (code, _, error) = await CliHarness.RunAsync("run", "--config", cli.ConfigPath);

        Assert.Equal(2, code);
        AssertOneLine(code, error, "broken.yaml:");
    }

    [Fact]
    public async Task Run_ReadmeExampleWithoutSecrets_OneLineNamingTheKey()
    {
        // docs/configuration.md's example: the ERP key is left to CRMBRIDGE_Connectors__Erp__ApiKey.
        using var cli = Configured(Path.Combine(Shipped, "zoho"), Targets(("zoho", "Accounts", "00:00:30"), ("erp", "salesOrders", "00:00:30")));

        var (code, output, error) = await CliHarness.RunAsync("run", "--config", cli.ConfigPath);

        AssertOneLine(code, error, "Connectors:Erp:ApiKey is required");
        Assert.DoesNotContain("Hosting failed to start", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("running on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnparseableInterval_NamesTheKey()
    {
        using var cli = Configured(Path.Combine(Shipped, "zoho"), Targets(("zoho", "Accounts", "30s")));

        var (code, _, error) = await CliHarness.RunAsync("run", "--config", cli.ConfigPath);

        AssertOneLine(code, error, "Polling:Targets:0:Interval '30s' is not a positive time span");
    }

    [Fact]
    public async Task Run_NoPollTargets_SaysItWouldPollNothing()
    {
        using var cli = Configured(Path.Combine(Shipped, "zoho"), new JsonArray());

        var (code, _, error) = await CliHarness.RunAsync("run", "--config", cli.ConfigPath);

        AssertOneLine(code, error, "Polling:Targets is empty, so 'run' would poll nothing");
    }

    [Fact]
    public async Task Run_PollTargetWithoutConnector_NamesTheKeyAndTheSection()
    {
        using var cli = Configured(Path.Combine(Shipped, "zoho"), Targets(("zoho", "Accounts", "00:00:30"), ("fxiaoke", "AccountObj", "00:01:00")));

        var (code, _, error) = await CliHarness.RunAsync("run", "--config", cli.ConfigPath);

        AssertOneLine(code, error, "Polling:Targets:1:System 'fxiaoke' has no connector: add a Connectors:Fxiaoke section");
    }

    [Fact]
    public async Task Run_MappingForAnUnconfiguredSystem_NamesTheFile()
    {
        // The Dataverse mappings while only the ERP and Zoho are configured.
        using var cli = Configured(Path.Combine(Shipped, "dataverse"), Targets(("erp", "salesOrders", "00:00:30")));

        var (code, _, error) = await CliHarness.RunAsync("run", "--config", cli.ConfigPath);

        AssertOneLine(code, error, "uses system 'dataverse', which has no connector: add a Connectors:Dataverse section");
        Assert.Contains("dataverse-", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_InvalidJsonConfig_NamesFileLineAndReason()
    {
        var config = Path.Combine(_cli.Folder, "typo.json");
        await File.WriteAllTextAsync(config, "{\n  \"Storage\": { \"Provider\": \"Sqlite\" }\n  \"Mappings\": {}\n}\n");

        var (code, _, error) = await CliHarness.RunAsync("status", "--config", config);

        AssertOneLine(code, error, "typo.json:3: invalid JSON");
    }

    [Fact]
    public async Task Status_DatabaseDoesNotExist_RefusesWithoutCreatingIt()
    {
        var (code, _, error) = await CliHarness.RunAsync("status", "--config", _cli.ConfigPath);

        AssertOneLine(code, error, "Storage:Sqlite:Path");
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath));
    }

    [Fact]
    public async Task Backfill_UnreachableSystem_OneLineWithTheSystemAndWhatToCheck()
    {
        using var cli = new CliHarness(new JsonObject
        {
            ["Mappings"] = new JsonObject { ["Path"] = Path.Combine(Shipped, "zoho") },
            ["Connectors"] = new JsonObject { ["Erp"] = new JsonObject { ["BaseUrl"] = "http://127.0.0.1:9/", ["ApiKey"] = "unreachable-test" } },
        });

        var (code, _, error) = await CliHarness.RunAsync("backfill", "--system", "erp", "--entity", "customers", "--config", cli.ConfigPath);

        Assert.Equal(1, code);
        AssertOneLine(code, error, "error: erp: ");
        Assert.Contains("[NETWORK]. Check Connectors:Erp (base URL, credentials) and that erp is reachable from here.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("erp: erp:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_UnreachableSystemVerbose_PrintsTheTraceToo()
    {
        using var cli = new CliHarness(new JsonObject
        {
            ["Mappings"] = new JsonObject { ["Path"] = Path.Combine(Shipped, "zoho") },
            ["Connectors"] = new JsonObject { ["Erp"] = new JsonObject { ["BaseUrl"] = "http://127.0.0.1:9/", ["ApiKey"] = "unreachable-test" } },
        });

        var (code, _, error) = await CliHarness.RunAsync("backfill", "--system", "erp", "--entity", "customers", "--config", cli.ConfigPath, "--verbose");

        Assert.NotEqual(0, code);
        Assert.StartsWith("error: erp:", error, StringComparison.Ordinal);
        Assert.Contains("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "--bogus")]
    [InlineData("backfill", "--system", "erp")]
    [InlineData("nosuchcommand")]
    public async Task BadArguments_OneLineWithTheHelpHint(params string[] args)
    {
        var (code, _, error) = await CliHarness.RunAsync(args);

        Assert.Equal(2, code);
        AssertOneLine(code, error, "--help");
    }

    internal static void AssertOneLine(int code, string error, string expected)
    {
        Assert.NotEqual(0, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line, got {lines.Length}:\n{error}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static string BrokenMapping(string folder)
    {
        var text = File.ReadAllText(Path.Combine(Shipped, "examples", "zoho-sales-order-to-erp.yaml"))
            .Replace("orderNumber: { from: SO_Number, required: true, trim: true }", "orderNumber: { from: SO_Number, required: true, trim: true", StringComparison.Ordinal);
        var file = Path.Combine(folder, "broken.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    private static JsonArray Targets(params (string System, string Entity, string Interval)[] targets) =>
        [.. targets.Select(t => (JsonNode)new JsonObject { ["System"] = t.System, ["Entity"] = t.Entity, ["Interval"] = t.Interval })];

    private static CliHarness Configured(string mappings, JsonArray targets) => new(new JsonObject
    {
        ["Mappings"] = new JsonObject { ["Path"] = mappings },
        ["Connectors"] = new JsonObject
        {
            ["Erp"] = new JsonObject { ["BaseUrl"] = "https://erp.example.com/" },
            ["Zoho"] = new JsonObject { ["DataCenter"] = "CN", ["ClientId"] = "1000.XXXX" },
        },
        ["Polling"] = new JsonObject { ["Targets"] = targets },
    });
}
