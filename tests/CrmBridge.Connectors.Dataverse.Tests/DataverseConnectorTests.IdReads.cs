using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Reads by many ids (order lines, referenced records): filters sized to the URL limits, GETs inside one $batch.</summary>
public sealed partial class DataverseConnectorTests
{
    [Fact]
    public async Task GetChangesAsync_1200OrdersWithLines_PageAndAllLinesInTwoCalls()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var counter = new ApiCallCounter();
        var (connector, services) = DataverseTestHost.Build(sandbox, counter: counter);
        await using var _ = services;
        var orders = SeedOrders(sandbox, 1200, linesEach: 2);

        var page = await connector.GetChangesAsync("salesorders", null, CancellationToken.None);

        Assert.Equal(2, counter.Count); // the change page, then one $batch with the lines of all 1,200 orders
        Assert.Equal("POST", counter.Calls[1].Method);
        Assert.EndsWith("/$batch", counter.Calls[1].Url, StringComparison.Ordinal);
        Assert.Equal(1200, page.Changes.Count);
        Assert.All(page.Changes, c => Assert.Equal(2, c.Snapshot!["order_details"]!.AsArray().Count));
        Assert.Equal(orders.ToHashSet(), page.Changes.Select(c => Guid.Parse(c.Id)).ToHashSet());
    }

    [Fact]
    public async Task GetManyAsync_1500Accounts_OneBatchCallWithFiltersWithinTheBatchUrlLimit()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var counter = new ApiCallCounter();
        var (connector, services) = DataverseTestHost.Build(sandbox, counter: counter);
        await using var _ = services;
        var ids = Enumerable.Range(0, 1500).Select(i => sandbox.Create("accounts", new JsonObject { ["name"] = $"Many {i}" }).ToString()).ToList();

        var read = await connector.GetManyAsync("accounts", ids, CancellationToken.None);

        var batch = Assert.Single(counter.Calls);
        Assert.EndsWith("/$batch", batch.Url, StringComparison.Ordinal);
        var urls = batch.Body.Split("\r\n").Where(l => l.StartsWith("GET ", StringComparison.Ordinal)).Select(l => l[4..^" HTTP/1.1".Length]).ToList();
        Assert.True(urls.Count >= 2, "1,500 ids do not fit one URL of 64 KB");
        Assert.All(urls, u => Assert.InRange(u.Length, 1, 65_536 - 2048)); // the batch limit less the margin
        Assert.InRange(urls[0].Length, 32_769, 65_536 - 2048); // filled past what a plain URL could carry
        Assert.Equal(1500, read.Count);
        Assert.Equal("Many 7", read[ids[7]].Data["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task GetManyAsync_MorePagesThanOne_NextLinksFollowedInsideLaterBatches()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var counter = new ApiCallCounter();

        // A plain URL of 2 KB cannot carry 300 ids, so they go in a $batch; pages of 100 make two more rounds of next links.
        var (connector, services) = DataverseTestHost.Build(sandbox, o => (o.PageSize, o.MaxUrlLength, o.UrlLengthMargin) = (100, 2048, 0), counter: counter);
        await using var _ = services;
        var ids = Enumerable.Range(0, 300).Select(i => sandbox.Create("accounts", new JsonObject { ["name"] = $"Paged {i}" }).ToString()).ToList();

        var read = await connector.GetManyAsync("accounts", ids, CancellationToken.None);

        Assert.Equal(300, read.Count);
        Assert.Equal(3, counter.Count); // ⌈300 / 100⌉ pages, each round one $batch
        Assert.All(counter.Calls, c => Assert.EndsWith("/$batch", c.Url, StringComparison.Ordinal));
        Assert.DoesNotContain("$skiptoken", counter.Calls[0].Body, StringComparison.Ordinal);
        Assert.Contains("$skiptoken", counter.Calls[1].Body, StringComparison.Ordinal);
        Assert.Contains("$skiptoken", counter.Calls[2].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SandboxFaultKind.Throttle, ErrorKind.Throttled, 429)]
    [InlineData(SandboxFaultKind.ServerError, ErrorKind.Transient, 500)]
    public async Task GetManyAsync_PartOfTheBatchFails_SameErrorAsAPlainGet(SandboxFaultKind fault, ErrorKind kind, int status)
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var ids = Enumerable.Range(0, 1500).Select(i => sandbox.Create("accounts", new JsonObject { ["name"] = $"Fails {i}" }).ToString()).ToList();
        sandbox.BatchPartFaults.FailNext(1, fault, TimeSpan.FromSeconds(7));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetManyAsync("accounts", ids, CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(fault == SandboxFaultKind.Throttle ? TimeSpan.FromSeconds(7) : null, error.RetryAfter);
    }

    [Fact]
    public async Task GetManyAsync_PartRefusedAsBadRequest_IsPermanent()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.Entities["accounts"].Select.Add("nosuchcolumn"));
        await using var _ = services;
        var ids = Enumerable.Range(0, 1500).Select(_ => Guid.NewGuid().ToString()).ToList();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetManyAsync("accounts", ids, CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal(400, error.HttpStatus);
    }

    private static List<Guid> SeedOrders(DataverseSandbox sandbox, int count, int linesEach)
    {
        var orders = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var order = sandbox.Create("salesorders", new JsonObject { ["name"] = $"Order {i}", ["ordernumber"] = $"SO-{i}" });
            orders.Add(order);
            for (var line = 1; line <= linesEach; line++)
            {
                sandbox.Create("salesorderdetails", new JsonObject { ["salesorderid@odata.bind"] = $"/salesorders({order})", ["lineitemnumber"] = line, ["quantity"] = line });
            }
        }

        return orders;
    }
}
