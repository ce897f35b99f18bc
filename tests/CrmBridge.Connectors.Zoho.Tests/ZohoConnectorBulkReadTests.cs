using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

public sealed class ZohoConnectorBulkReadTests
{
    [Fact]
    public async Task GetManyAsync_150AccountsAndAnUnknownId_TwoCallsPerFieldChunkAndOnlyTheExistingOnes()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        await env.Tokens.GetAsync(CancellationToken.None);
        var ids = Enumerable.Range(0, 150).Select(i => env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"Bulk {i}", ["Account_Number"] = ZohoTestEnvironment.NewKey() })).ToList();
        var single = await env.Connector.GetAsync("Accounts", ids[3], CancellationToken.None);
        var before = env.Sandbox.RequestCount;

        var read = await env.Connector.GetManyAsync("Accounts", [.. ids, "5725767000999999999"], CancellationToken.None);

        var chunks = env.Sandbox.RequestCount - before;
        Assert.Equal(150, read.Count);
        Assert.False(read.ContainsKey("5725767000999999999"));
        Assert.Equal("Bulk 3", read[ids[3]].Data["Account_Name"]?.GetValue<string>());
        Assert.Equal(single!.Version, read[ids[3]].Version);
        Assert.True(chunks is > 0 and <= 4, $"⌈151 / 100⌉ calls per field chunk, not one per id ({chunks} calls)");
    }
}
