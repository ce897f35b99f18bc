using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Hosting;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Resilience;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CrmBridge.Cli.Tests;

public sealed class StatusAndRunCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Status_EmptyStore_ReportsNothingSyncedAndZeroBacklog()
    {
        await _cli.InitializeStoreAsync();
        var (code, output, _) = await CliHarness.RunAsync("status", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("Nothing has been synced yet.", output, StringComparison.Ordinal);
        Assert.Contains("Pending in queue: 0   Open dead letters: 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_FailingPollTarget_ShowsLastPollFailuresAndLastError()
    {
        var at = new DateTimeOffset(2026, 11, 28, 8, 6, 0, TimeSpan.Zero);
        var failing = new PollTargetStatus("zoho", "Accounts", at, false, 12, "HTTP_503: Service Unavailable", at.AddMinutes(-6), null);
        await _cli.SaveCheckpointAsync(PollHealth.CheckpointSystem, "zoho/Accounts", JsonSerializer.Serialize(failing));

        var (code, output, _) = await CliHarness.RunAsync("status", "--config", _cli.ConfigPath);
        var (_, json, _) = await CliHarness.RunAsync("status", "--json", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("zoho/Accounts", StringComparison.Ordinal));
        Assert.Contains("2026-11-28 08:06:00", line, StringComparison.Ordinal);
        Assert.Contains("failing since 2026-11-28 08:00:00Z", line, StringComparison.Ordinal);
        Assert.Contains(" 12 ", line, StringComparison.Ordinal);
        Assert.Contains("HTTP_503: Service Unavailable", line, StringComparison.Ordinal);
        Assert.DoesNotContain("#poll", output, StringComparison.Ordinal);
        var poll = JsonNode.Parse(json)!["polls"]![0]!;
        Assert.Equal(12, poll["consecutiveFailures"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_Json_CountsOpenDeadLetters()
    {
        await _cli.AddDeadLetterAsync("A1", "bad");

        var (code, output, _) = await CliHarness.RunAsync("status", "--json", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(1, report["openDeadLetters"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_OpenCircuit_IsShownWithItsLastErrorAndNotAsAPollRow()
    {
        var open = new CircuitSnapshot("erp", CircuitState.Open, DateTimeOffset.Parse("2026-11-28T08:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-11-28T08:00:30Z", CultureInfo.InvariantCulture), 5, "HTTP_503: Service Unavailable");
        await _cli.SaveCheckpointAsync(CircuitBreakers.CheckpointSystem, "erp", JsonSerializer.Serialize(open));

        var (code, output, _) = await CliHarness.RunAsync("status", "--config", _cli.ConfigPath);
        var (_, json, _) = await CliHarness.RunAsync("status", "--json", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("Circuit erp: open since 2026-11-28 08:00:00Z, next probe 2026-11-28 08:00:30Z; HTTP_503: Service Unavailable", output, StringComparison.Ordinal);
        Assert.Contains("Nothing has been synced yet.", output, StringComparison.Ordinal);
        Assert.Equal("erp", JsonNode.Parse(json)!["circuits"]![0]!["system"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_MissingConfigFile_ExitsTwoNamingTheFile()
    {
        var missing = Path.Combine(_cli.Folder, "nope.json");

        var (code, _, error) = await CliHarness.RunAsync("run", "--config", missing);

        Assert.Equal(2, code);
        Assert.Contains("nope.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoMappingsConfigured_ExitsTwoWithTheFix()
    {
        var (code, _, error) = await CliHarness.RunAsync("run", "--config", _cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("Mappings:Path is not configured", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoConnectorConfigured_ExitsTwoPointingToTheDemo()
    {
        using var cli = new CliHarness(new JsonObject { ["Mappings"] = new JsonObject { ["Path"] = Path.GetTempPath() } });

        var (code, _, error) = await CliHarness.RunAsync("run", "--config", cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("No connector is configured", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownStorageProvider_ExitsTwo()
    {
        using var cli = new CliHarness(new JsonObject { ["Storage"] = new JsonObject { ["Provider"] = "Oracle" } });

        var (code, _, error) = await CliHarness.RunAsync("status", "--config", cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("Storage:Provider 'Oracle' is not supported", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "Sqlite")]
    [InlineData(null, "UseDevelopmentStorage=true", "Azure")]
    [InlineData("Sqlite", "UseDevelopmentStorage=true", "Sqlite")]
    public void StorageProvider_FromConfiguration_PicksAzureOnlyWhenConfigured(string? provider, string? connectionString, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConfigurationKeys.StorageProvider] = provider, [ConfigurationKeys.StorageAzureConnectionString] = connectionString })
            .Build();

        Assert.Equal(expected, StorageProviders.Resolve(configuration));
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwoWithUsageHint()
    {
        var (code, _, error) = await CliHarness.RunAsync("frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("crmbridge --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_UnknownCrm_ExitsTwoListingTheChoices()
    {
        var (code, _, error) = await CliHarness.RunAsync("demo", "--crm", "salesforce");

        Assert.Equal(2, code);
        Assert.Contains("--crm 'salesforce' is not available", error, StringComparison.Ordinal);
    }
}
