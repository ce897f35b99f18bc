using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Reads: $select, formatted values, network failures.</summary>
public sealed partial class DataverseConnectorTests
{
    [Fact]
    public async Task GetAsync_ConfiguredSelect_ReturnsOnlyThoseColumnsWithFormattedValues()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.Entities["accounts"].Select = ["name", "customertypecode"]);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Selective", ["telephone1"] = "555", ["customertypecode"] = 3 });

        var read = await connector.GetAsync("accounts", id.ToString(), CancellationToken.None);

        Assert.Equal("Selective", read!.Data["name"]?.GetValue<string>());
        Assert.Equal(id.ToString(), read.Data["accountid"]?.GetValue<string>());
        Assert.Equal("Customer", read.Data["customertypecode@OData.Community.Display.V1.FormattedValue"]?.GetValue<string>());
        Assert.Null(read.Data["telephone1"]);
        Assert.NotNull(read.Version);
    }

    [Fact]
    public async Task GetAsync_ConnectionDropped_ThrowsTransientNetworkError()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Dropped" }).ToString();
        await connector.GetAsync("accounts", id, CancellationToken.None);
        sandbox.Faults.FailNext(1, SandboxFaultKind.DropConnection);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("accounts", id, CancellationToken.None));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("NETWORK", error.ErrorCode);
    }

    [Fact]
    public async Task GetAsync_UnconfiguredEntity_ThrowsPermanentUnknownEntity()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("leads", Guid.NewGuid().ToString(), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("UNKNOWN_ENTITY", error.ErrorCode);
    }
}
