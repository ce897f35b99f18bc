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
    public async Task GetAsync_MoreLinesThanPageSize_FollowsSkipTokenNextLinks()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.PageSize = 1);
        await using var _ = services;
        var order = sandbox.Create("salesorders", new JsonObject { ["name"] = "Many lines" });
        for (var i = 1; i <= 3; i++)
        {
            sandbox.Create("salesorderdetails", new JsonObject { ["salesorderid@odata.bind"] = $"/salesorders({order})", ["lineitemnumber"] = i, ["quantity"] = i });
        }

        var before = sandbox.RequestCount;
        var read = await connector.GetAsync("salesorders", order.ToString(), CancellationToken.None);

        Assert.Equal([1, 2, 3], read!.Data["order_details"]!.AsArray().Select(l => l!["lineitemnumber"]!.GetValue<int>()).Order());
        Assert.True(sandbox.RequestCount - before >= 4, "one record read plus three line pages");
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
