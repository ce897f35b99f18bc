using System.Text.Json.Nodes;
using CrmBridge.Cli.Sandbox;
using Xunit;

namespace CrmBridge.Cli.Tests;

public sealed class SandboxCommandTests
{
    [Fact]
    public async Task SandboxFault_NoSandboxConfiguration_OneLineErrorAndUsageExit()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-sandbox-" + Guid.NewGuid().ToString("N") + ".json");

        var (code, _, error) = await CliHarness.RunAsync("sandbox", "fault", "--config", missing, "--outage", "on");

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("start 'crmbridge sandbox' first", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxShip_ControlApiNotRunning_SaysWhatToCheck()
    {
        var (code, _, error) = await CliHarness.RunAsync("sandbox", "ship", "--control", "http://127.0.0.1:1/control/");

        Assert.Equal(2, code);
        Assert.Contains("is 'crmbridge sandbox' still running?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_UnknownCrm_NamesTheChoices()
    {
        var (code, _, error) = await CliHarness.RunAsync("sandbox", "--crm", "salesforce");

        Assert.Equal(2, code);
        Assert.Contains("dataverse, fxiaoke, zoho", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_FlatKeysWithIndexes_NestsAndMakesArrays()
    {
        var json = SandboxConfigFile.ToJson(new Dictionary<string, string?>
        {
            ["Polling:Targets:0:System"] = "erp",
            ["Polling:Targets:1:System"] = "dataverse",
            ["Connectors:Erp:BaseUrl"] = "http://127.0.0.1:1/",
        });

        Assert.Equal("dataverse", json["Polling"]!["Targets"]!.AsArray()[1]!["System"]!.GetValue<string>());
        Assert.IsType<JsonObject>(json["Connectors"]!["Erp"]);
    }
}
