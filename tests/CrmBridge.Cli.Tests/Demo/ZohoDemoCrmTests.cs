using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Cli.Demo;
using CrmBridge.Connectors;
using CrmBridge.Connectors.Zoho;
using CrmBridge.Sandbox.Zoho;
using Xunit;

namespace CrmBridge.Cli.Tests.Demo;

/// <summary>The demo's Zoho CRM: the bridge starts only once the seed has left Zoho's open change window.</summary>
public sealed class ZohoDemoCrmTests : IAsyncLifetime
{
    private ZohoSandbox _zoho = null!;

    public async Task InitializeAsync() => _zoho = await ZohoSandbox.StartAsync(new ZohoSandboxOptions(), CancellationToken.None);

    public async Task DisposeAsync() => await _zoho.DisposeAsync();

    [Fact]
    public void SeedSettle_LastSeededRecord_IsFinalWhenTheBridgeStarts()
    {
        IDemoCrm crm = new ZohoDemoCrm(_zoho, new Dictionary<string, string?>(), "mappings");
        var id = crm.Create("Accounts", new JsonObject { ["Account_Name"] = "Last of the seed" });
        var modified = DateTimeOffset.Parse(crm.Read("Accounts", id)!["Modified_Time"]!.ToString(), CultureInfo.InvariantCulture);

        // Written at the very end of its second at worst; the connector's first scan page then sees Zoho's clock after the settle.
        var bridgeStarts = modified + TimeSpan.FromMilliseconds(999) + crm.SeedSettle;
        var closedBefore = ChangeWindow.ClosedBefore(bridgeStarts, new ZohoConnectorOptions().ChangeOverlap, TimeSpan.FromSeconds(1));

        Assert.True(modified < closedBefore, $"the seed's last version {modified:O} is still open at {bridgeStarts:O} (closed before {closedBefore:O})");
    }
}
