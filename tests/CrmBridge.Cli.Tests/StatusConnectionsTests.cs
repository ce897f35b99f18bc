using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Resilience;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>The connections section of <c>crmbridge status</c>.</summary>
public sealed class StatusConnectionsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Status_OpenCircuit_ConnectionSaysWhatToDoInOneLine()
    {
        var open = new CircuitSnapshot("erp", CircuitState.Open, DateTimeOffset.Parse("2026-11-28T08:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-11-28T08:00:30Z", CultureInfo.InvariantCulture), 5, "HTTP_503: Service Unavailable");
        await _cli.SaveCheckpointAsync(CircuitBreakers.CheckpointSystem, "erp", JsonSerializer.Serialize(open));

        var (code, output, _) = await CliHarness.RunAsync("status", "--config", _cli.ConfigPath);
        var (_, json, _) = await CliHarness.RunAsync("status", "--json", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("Connections:", output, StringComparison.Ordinal);
        Assert.Contains("  erp: erp has failed since 2026-11-28 08:00:00Z (HTTP_503); deliveries wait and resume by themselves", output, StringComparison.Ordinal);
        var erp = JsonNode.Parse(json)!["connections"]!.AsArray().Single(c => c!["system"]!.GetValue<string>() == "erp")!;
        Assert.False(erp["ok"]!.GetValue<bool>());
        Assert.Equal("Open", erp["circuit"]!.GetValue<string>());
        Assert.NotNull(JsonNode.Parse(json)!["openDeadLetters"]);
    }

    [Fact]
    public async Task Status_FreshCheckpoint_ConnectionOkWithCheckpointAge()
    {
        await _cli.SaveCheckpointAsync("zoho", "Accounts", "2026-11-28T08:00:00Z");

        var (_, output, _) = await CliHarness.RunAsync("status", "--config", _cli.ConfigPath);

        Assert.Contains("  zoho: OK", output, StringComparison.Ordinal);
        Assert.Contains("    Accounts: checkpoint saved", output, StringComparison.Ordinal);
    }
}
