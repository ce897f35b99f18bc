using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Bulk reads by id: as many ids a query as one URL takes, lines attached in bulk.</summary>
public sealed partial class DataverseConnectorTests
{
    [Fact]
    public async Task GetManyAsync_250AccountsAndOneUnknownId_OneQueryAndOnlyTheExistingOnes()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var ids = Enumerable.Range(0, 250).Select(i => sandbox.Create("accounts", new JsonObject { ["name"] = $"Bulk {i}" }).ToString()).ToList();
        await connector.GetAsync("accounts", ids[0], CancellationToken.None); // token acquired before counting
        var unknown = Guid.NewGuid().ToString();

        var before = sandbox.RequestCount;
        var read = await connector.GetManyAsync("accounts", [.. ids, unknown], CancellationToken.None);

        Assert.Equal(1, sandbox.RequestCount - before); // 251 ids fit one URL of 32 KB
        Assert.Equal(250, read.Count);
        Assert.False(read.ContainsKey(unknown));
        Assert.Equal("Bulk 7", read[ids[7]].Data["name"]?.GetValue<string>());
        Assert.Equal((await connector.GetAsync("accounts", ids[7], CancellationToken.None))!.Version, read[ids[7]].Version);
    }

    [Fact]
    public async Task GetManyAsync_OrdersWithLines_AttachesEachOrdersLinesWithOneLineQuery()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var orders = Enumerable.Range(0, 3).Select(i => sandbox.Create("salesorders", new JsonObject { ["name"] = $"Order {i}" })).ToList();
        foreach (var (order, index) in orders.Select((o, i) => (o, i)))
        {
            for (var line = 1; line <= index + 1; line++)
            {
                sandbox.Create("salesorderdetails", new JsonObject { ["salesorderid@odata.bind"] = $"/salesorders({order})", ["lineitemnumber"] = line, ["quantity"] = line });
            }
        }

        await connector.GetAsync("salesorders", orders[0].ToString(), CancellationToken.None);
        var before = sandbox.RequestCount;
        var read = await connector.GetManyAsync("salesorders", orders.Select(o => o.ToString()).ToList(), CancellationToken.None);

        Assert.Equal(2, sandbox.RequestCount - before); // the orders, then their lines
        Assert.Equal([1, 2, 3], orders.Select(o => read[o.ToString()].Data["order_details"]!.AsArray().Count));
    }
}
