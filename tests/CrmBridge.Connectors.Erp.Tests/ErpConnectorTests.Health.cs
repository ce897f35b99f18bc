using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>Connection health as the connector sees it (IConnectorHealth), over real HTTP.</summary>
public sealed partial class ErpConnectorTests
{
    [Fact]
    public async Task GetHealth_WrongApiKey_AuthenticationFailingWithBaseUrl()
    {
        await using var services = ErpTestServices.Build(fixture.Sandbox.BaseAddress, "wrong-key");
        var connector = (IConnector)services.GetService(typeof(IErpConnector))!;

        await Assert.ThrowsAsync<ConnectorException>(() => connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Customers, "externalId", ErpTestServices.NewKey(), new JsonObject { ["name"] = "Auth" }), CancellationToken.None));

        var health = ((IConnectorHealth)connector).GetHealth();
        Assert.NotNull(health.AuthenticationFailingSince);
        Assert.Equal("HTTP_401", health.LastErrorCode);
        Assert.Equal(fixture.Sandbox.BaseAddress.ToString(), health.BaseUrl);
    }

    [Fact]
    public async Task GetHealth_ThrottledThenServed_Counts429AndRecordsSuccess()
    {
        await using var services = ErpTestServices.Build(fixture.Sandbox.BaseAddress, fixture.Sandbox.ApiKey);
        var connector = (IConnector)services.GetService(typeof(IErpConnector))!;
        fixture.Sandbox.Faults.FailNext(1, SandboxFaultKind.Throttle, TimeSpan.FromSeconds(1));
        try
        {
            await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync(ErpEntities.Customers, "C-000001", CancellationToken.None));
        }
        finally
        {
            fixture.Sandbox.Faults.Clear();
        }

        await connector.GetAsync(ErpEntities.Customers, "C-000001", CancellationToken.None);

        var health = ((IConnectorHealth)connector).GetHealth();
        Assert.Equal(1, health.ThrottledLastHour);
        Assert.NotNull(health.LastSuccess);
        Assert.Null(health.AuthenticationFailingSince);
    }
}
