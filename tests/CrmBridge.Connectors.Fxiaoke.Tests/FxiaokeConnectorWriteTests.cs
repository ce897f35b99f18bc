using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>Writes over real HTTP: detail objects with their master, value shapes, flows off, versions, no blank creates.</summary>
public sealed class FxiaokeConnectorWriteTests
{
    [Fact]
    public async Task UpsertAsync_OrderWithLines_WritesDetailsWithMasterInApiShapes()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var account = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Detail Co" });
        var data = new JsonObject
        {
            ["account_id"] = account,
            ["order_amount"] = 123.5m,
            ["order_time"] = "2026-11-27T02:00:00Z",
            ["order_status"] = "7",
            ["owner"] = "FSUID_SALES",
            ["SalesOrderProductObj"] = new JsonArray(
                new JsonObject { ["product_id"] = "P-1", ["quantity"] = 2, ["sales_price"] = 9.99m },
                new JsonObject { ["product_id"] = "P-2", ["quantity"] = 1, ["sales_price"] = 100 }),
        };

        var result = await host.Connector.UpsertAsync(new UpsertRequest("SalesOrderObj", "name", "SO-EXT-1", data), CancellationToken.None);

        Assert.True(result.Created);
        var stored = host.Sandbox.GetRecord("SalesOrderObj", result.Id)!;
        Assert.Equal("123.5", stored["order_amount"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), stored["order_time"]!.GetValue<long>());
        Assert.Equal("FSUID_SALES", stored["owner"]![0]!.GetValue<string>());
        Assert.Equal("normal", stored["life_status"]!.GetValue<string>()); // triggerApprovalFlow false: no approval started
        var lines = host.Sandbox.GetDetails("SalesOrderObj", result.Id);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(result.Id, l["order_id"]!.GetValue<string>()));
        Assert.Contains(lines, l => l["quantity"]!.GetValue<string>() == "2" && l["sales_price"]!.GetValue<string>() == "9.99");
        var read = await host.Connector.GetAsync("SalesOrderObj", result.Id, CancellationToken.None);
        Assert.Equal(2, read!.Data["SalesOrderProductObj"]!.AsArray().Count);
    }

    [Fact]
    public async Task UpsertAsync_ById_UpdatesAndReturnsVersionTheChangeFeedReports()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var account = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Version Co" });
        var order = host.Sandbox.CreateRecord("SalesOrderObj", new() { ["account_id"] = account, ["order_status"] = "7" },
            [new JsonObject { ["product_id"] = "P-1", ["quantity"] = "1" }]);
        await Task.Delay(5); // the update gets a later millisecond than the seed

        var result = await host.Connector.UpsertAsync(new UpsertRequest("SalesOrderObj", "_id", order,
            new JsonObject { ["erp_status__c"] = "shipped", ["tracking_number__c"] = "SF123" }), CancellationToken.None);

        Assert.False(result.Created);
        Assert.Equal(order, result.Id);
        var read = await host.Connector.GetAsync("SalesOrderObj", order, CancellationToken.None);
        Assert.Equal(result.Version, read!.Version);
        Assert.Equal("SF123", read.Data["tracking_number__c"]!.GetValue<string>());
        Assert.Single(host.Sandbox.GetDetails("SalesOrderObj", order)); // lines untouched by a header-only update
        var feed = await host.Connector.GetChangesAsync("SalesOrderObj", null, CancellationToken.None);
        Assert.Equal(result.Version, feed.Changes.Single(c => c.Id == order).Version);
    }

    [Fact]
    public async Task UpsertAsync_UnknownId_ThrowsNotFoundAndCreatesNothing()
    {
        await using var host = await FxiaokeTestHost.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.UpsertAsync(
            new UpsertRequest("SalesOrderObj", "_id", "6000000000000000000000aa", new JsonObject { ["erp_status__c"] = "shipped" }), CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(0, host.Sandbox.CountRecords("SalesOrderObj"));
    }

    [Fact]
    public async Task UpsertAsync_InvalidOptionValue_ThrowsPermanentWithFxiaokeCodeAndField()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var account = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Option Co" });
        var order = host.Sandbox.CreateRecord("SalesOrderObj", new() { ["account_id"] = account });

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.UpsertAsync(
            new UpsertRequest("SalesOrderObj", "_id", order, new JsonObject { ["erp_status__c"] = "SHIPPED" }), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("32000", error.ErrorCode);
        Assert.Contains("erp_status__c", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_CustomObject_UsesCustomEndpointsByKey()
    {
        await using var host = await FxiaokeTestHost.StartAsync();

        var created = await host.Connector.UpsertAsync(new UpsertRequest("erp_invoice__c", "invoice_no__c", "INV-1", new JsonObject { ["name"] = "Invoice 1" }), CancellationToken.None);
        var updated = await host.Connector.UpsertAsync(new UpsertRequest("erp_invoice__c", "invoice_no__c", "INV-1", new JsonObject { ["name"] = "Invoice 1b" }), CancellationToken.None);

        Assert.True(created.Created);
        Assert.False(updated.Created);
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal("Invoice 1b", (await host.Connector.GetAsync("erp_invoice__c", created.Id, CancellationToken.None))!.Data["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertBatchAsync_AlternateKeys_ResolvesKeysWithOneQuery()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var existing = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Existing", ["account_no"] = "K-1" });
        await host.Connector.GetAsync("AccountObj", existing, CancellationToken.None); // token + one get
        var before = host.Sandbox.RequestCount;

        var results = await host.Connector.UpsertBatchAsync(
        [
            new UpsertRequest("AccountObj", "account_no", "K-1", new JsonObject { ["name"] = "Existing 2" }),
            new UpsertRequest("AccountObj", "account_no", "K-2", new JsonObject { ["name"] = "New" }),
        ], CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(existing, results[0].Result!.Id);
        Assert.True(results[1].Result!.Created);
        Assert.Equal(1 + 2 + 2, host.Sandbox.RequestCount - before); // one key query, two writes, two version reads
    }
}
