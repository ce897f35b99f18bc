using CrmBridge.Hosting;
using CrmBridge.Pipeline.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>The readers both hosts share (composition module).</summary>
public sealed class HostingConfigurationTests
{
    [Fact]
    public void PollTargets_EntryWithoutInterval_DefaultsToThirtySeconds()
    {
        var targets = HostingConfiguration.PollTargets(Config(new()
        {
            [$"{ConfigurationKeys.PollingTargets}:0:System"] = "erp",
            [$"{ConfigurationKeys.PollingTargets}:0:Entity"] = "salesOrders",
            [$"{ConfigurationKeys.PollingTargets}:1:System"] = "zoho",
            [$"{ConfigurationKeys.PollingTargets}:1:Entity"] = "Accounts",
            [$"{ConfigurationKeys.PollingTargets}:1:Interval"] = "00:00:05",
        }));

        Assert.Equal([("erp", "salesOrders", TimeSpan.FromSeconds(30)), ("zoho", "Accounts", TimeSpan.FromSeconds(5))],
            targets.Select(t => (t.System, t.Entity, t.Interval)));
        Assert.Equal(TimeSpan.FromSeconds(30), PollTarget.DefaultInterval);
    }

    [Fact]
    public void PollTargets_EntryWithoutEntity_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<HostingConfigurationException>(() =>
            HostingConfiguration.PollTargets(Config(new() { [$"{ConfigurationKeys.PollingTargets}:0:System"] = "erp" })));

        Assert.StartsWith("Every Polling:Targets entry needs System and Entity. Polling:Targets:0 has", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MappingsPath_Relative_IsResolvedAgainstTheContentRoot()
    {
        var root = Path.GetTempPath();

        var path = HostingConfiguration.MappingsPath(Config(new() { [ConfigurationKeys.MappingsPath] = "mappings/zoho" }), root);

        Assert.Equal(Path.Combine(root, "mappings", "zoho"), path);
    }

    [Fact]
    public void MappingsPath_NotSet_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<HostingConfigurationException>(() => HostingConfiguration.MappingsPath(Config(new())));

        Assert.StartsWith("Mappings:Path is not configured", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
