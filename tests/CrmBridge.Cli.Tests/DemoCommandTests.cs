using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary><c>crmbridge demo</c> end to end: sandboxes on loopback, the host built by the same factory as <c>run</c>.</summary>
public sealed class DemoCommandTests
{
    [Theory]
    [InlineData("dataverse")]
    [InlineData("zoho")]
    [InlineData("fxiaoke")]
    public async Task Demo_SmallRunAgainstTheReferenceErp_ConvergesBothWays(string crm)
    {
        var (code, output, error) = await CliHarness.RunAsync("demo", "--crm", crm, "--erp", "reference", "--records", "3", "--timeout", "120", "--json");

        Assert.True(code == 0, $"exit {code}: {output}\n{error}");
        var report = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(crm, report["crm"]!.GetValue<string>());
        Assert.True(report["converged"]!.GetValue<bool>());
        Assert.Equal(0, report["deadLetters"]!.GetValue<int>());
        Assert.True(report["apiCalls"]!["erp"]!.GetValue<long>() > 0);

        // Every CRM order and complaint shows "synced" and its ERP number; the order made unmappable on purpose showed
        // "failed" with the reason, then "synced" after the mapping fix and replay.
        var statuses = report["syncStatus"]!.AsArray();
        Assert.Contains(statuses, s => s!["expected"]!.GetValue<int>() > 0);
        Assert.All(statuses, s => Assert.True(s!["synced"]!.GetValue<int>() >= s["expected"]!.GetValue<int>() && s["failed"]!.GetValue<int>() == 0, s!.ToJsonString()));
        var story = report["unmappable"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal(2, story.Count);
        Assert.Contains("made unmappable: failed — ", story[0], StringComparison.Ordinal);
        Assert.Contains("REQUIRED", story[0], StringComparison.Ordinal);
        Assert.Contains(": synced, ERP number ", story[1], StringComparison.Ordinal);
        Assert.EndsWith("error cleared", story[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zoho")]
    [InlineData("dataverse")]
    public async Task Demo_SmallRunAgainstStagingTables_ConvergesBothWays(string crm)
    {
        var (code, output, error) = await CliHarness.RunAsync("demo", "--crm", crm, "--erp", "staging", "--records", "5", "--timeout", "120", "--json");

        Assert.True(code == 0, $"exit {code}: {output}\n{error}");
        var report = JsonNode.Parse(output)!.AsObject();
        Assert.True(report["converged"]!.GetValue<bool>());
        Assert.Equal(0, report["deadLetters"]!.GetValue<int>());
        Assert.True(report["apiCalls"]!["staging"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Demo_FxiaokeWithStagingErp_ExitsTwoNamingTheMissingMappings()
    {
        var (code, _, error) = await CliHarness.RunAsync("demo", "--crm", "fxiaoke", "--erp", "staging", "--records", "3");

        Assert.Equal(2, code);
        Assert.Contains("--erp staging has no mappings for this CRM", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zoho")]
    [InlineData("fxiaoke")]
    public async Task Demo_SmallRunAgainstK3Cloud_ConvergesBothWaysWithTheK3CloudMappings(string crm)
    {
        var (code, output, error) = await CliHarness.RunAsync("demo", "--crm", crm, "--erp", "k3cloud", "--records", "8", "--timeout", "120", "--json");

        Assert.True(code == 0, $"exit {code}: {output}\n{error}");
        var report = JsonNode.Parse(output)!.AsObject();
        Assert.True(report["converged"]!.GetValue<bool>());
        Assert.Equal(0, report["deadLetters"]!.GetValue<int>());
        Assert.True(report["apiCalls"]!["k3cloud"]!.GetValue<long>() > 0);
        Assert.Contains(report["routes"]!.AsArray(), r => r!["route"]!.GetValue<string>() == $"{crm}-k3cloud-sales-order-to-sales-order" && r["inTarget"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Demo_UnknownErp_ExitsTwoListingTheChoices()
    {
        var (code, _, error) = await CliHarness.RunAsync("demo", "--crm", "zoho", "--erp", "sap");

        Assert.Equal(2, code);
        Assert.Contains("--erp 'sap' is not available; choose one of: businesscentral, k3cloud, reference, staging", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_SmallRunAgainstBusinessCentral_ConvergesBothWays()
    {
        var (code, output, error) = await CliHarness.RunAsync("demo", "--crm", "dataverse", "--erp", "businesscentral", "--records", "5", "--timeout", "120", "--json");

        Assert.True(code == 0, $"exit {code}: {output}\n{error}");
        var report = JsonNode.Parse(output)!.AsObject();
        Assert.True(report["converged"]!.GetValue<bool>());
        Assert.Equal(0, report["deadLetters"]!.GetValue<int>());
        Assert.True(report["apiCalls"]!["businesscentral"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Demo_BusinessCentralWithACrmWithoutItsMappings_ExitsWithOneLine()
    {
        var (code, _, error) = await CliHarness.RunAsync("demo", "--crm", "zoho", "--erp", "businesscentral", "--records", "1");

        Assert.NotEqual(0, code);
        Assert.Contains("zoho-businesscentral does not exist", error, StringComparison.Ordinal);
    }
}
