using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>Sales orders: upsert by externalDocumentNumber, lines by deep insert or reconciled in one snapshot batch.</summary>
public sealed class BusinessCentralConnectorOrderTests
{
    private static JsonObject Order(string customerId, params (string Item, decimal Quantity, decimal Price)[] lines) => new()
    {
        ["customerId"] = customerId,
        ["orderDate"] = "2026-11-27",
        ["salesOrderLines"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["lineType"] = "Item", ["lineObjectNumber"] = l.Item, ["quantity"] = l.Quantity, ["unitPrice"] = l.Price })]),
    };

    private static async Task<string> CustomerAsync(IConnector connector, string number) =>
        (await connector.UpsertAsync(new UpsertRequest("customers", "number", number, new JsonObject { ["displayName"] = "Order Co " + number }), CancellationToken.None)).Id;

    [Fact]
    public async Task UpsertAsync_NewOrderWithLines_CreatesOrderAndLinesInOneCall()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var customer = await CustomerAsync(connector, "CU-1");
        var before = sandbox.RequestCount;

        var result = await connector.UpsertAsync(new UpsertRequest("salesOrders", "externalDocumentNumber", "ORD-1001", Order(customer, ("1896-S", 2, 999.5m), ("1900-S", 4, 10))), CancellationToken.None);

        Assert.True(result.Created);
        Assert.Equal(2, sandbox.RequestCount - before); // find + deep insert
        var stored = sandbox.Get("salesOrders", Guid.Parse(result.Id))!;
        Assert.Equal("ORD-1001", stored["externalDocumentNumber"]!.GetValue<string>());
        Assert.Equal("CU-1", stored["customerNumber"]!.GetValue<string>());
        Assert.Equal(2, stored["salesOrderLines"]!.AsArray().Count);
        Assert.Equal(2039m, stored["totalAmountIncludingTax"]!.GetValue<decimal>());
        Assert.Equal(stored["lastModifiedDateTime"]!.GetValue<string>(), result.Version);
    }

    [Fact]
    public async Task UpsertAsync_ExistingOrderWithChangedLines_PatchesCreatesAndDeletesLinesTogether()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var customer = await CustomerAsync(connector, "CU-2");
        var created = await connector.UpsertAsync(new UpsertRequest("salesOrders", "externalDocumentNumber", "ORD-2001", Order(customer, ("1896-S", 1, 100), ("1900-S", 1, 50))), CancellationToken.None);

        var changed = Order(customer, ("1896-S", 3, 100), ("1908-S", 2, 20));
        changed["shipToContact"] = "Ms. Receiver";
        var updated = await connector.UpsertAsync(new UpsertRequest("salesOrders", "externalDocumentNumber", "ORD-2001", changed), CancellationToken.None);

        Assert.False(updated.Created);
        Assert.Equal(created.Id, updated.Id);
        var stored = sandbox.Get("salesOrders", Guid.Parse(created.Id))!;
        Assert.Equal("Ms. Receiver", stored["shipToContact"]!.GetValue<string>());
        var lines = stored["salesOrderLines"]!.AsArray().Select(l => (l!["lineObjectNumber"]!.GetValue<string>(), l["quantity"]!.GetValue<decimal>())).ToList();
        Assert.Equal([("1896-S", 3m), ("1908-S", 2m)], lines);
    }

    [Fact]
    public async Task UpsertAsync_SameOrderTwice_WritesNothingTheSecondTime()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var customer = await CustomerAsync(connector, "CU-3");
        var first = await connector.UpsertAsync(new UpsertRequest("salesOrders", "externalDocumentNumber", "ORD-3001", Order(customer, ("1896-S", 1, 100))), CancellationToken.None);
        var before = sandbox.RequestCount;

        var second = await connector.UpsertAsync(new UpsertRequest("salesOrders", "externalDocumentNumber", "ORD-3001", Order(customer, ("1896-S", 1.0m, 100.00m))), CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(1, sandbox.RequestCount - before); // only the find
    }

    [Fact]
    public async Task UpsertAsync_LineWithUnknownItem_FailsPermanentAndRollsBackTheHeader()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var customer = await CustomerAsync(connector, "CU-4");
        var created = await connector.UpsertAsync(new UpsertRequest("salesOrders", "externalDocumentNumber", "ORD-4001", Order(customer, ("1896-S", 1, 100))), CancellationToken.None);
        var bad = Order(customer, ("1896-S", 1, 100), ("NO-SUCH-ITEM", 1, 1));
        bad["shipToContact"] = "Changed";

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.UpsertAsync(new UpsertRequest("salesOrders", "externalDocumentNumber", "ORD-4001", bad), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("Application_FieldValidationException", error.ErrorCode);
        Assert.Contains("NO-SUCH-ITEM", error.Message, StringComparison.Ordinal);
        var stored = sandbox.Get("salesOrders", Guid.Parse(created.Id))!;
        Assert.Equal(string.Empty, stored["shipToContact"]!.GetValue<string>());
        Assert.Single(stored["salesOrderLines"]!.AsArray());
    }

    [Fact]
    public async Task UpsertAsync_WithoutDeepInsert_CreatesHeaderThenLinesInASnapshotBatch()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox, o => o.DeepInsertLines = false);
        await using var _ = services;
        var customer = await CustomerAsync(connector, "CU-5");

        var result = await connector.UpsertAsync(new UpsertRequest("salesOrders", "externalDocumentNumber", "ORD-5001", Order(customer, ("1896-S", 1, 100), ("1906-S", 2, 30))), CancellationToken.None);

        var lines = sandbox.Get("salesOrders", Guid.Parse(result.Id))!["salesOrderLines"]!.AsArray();
        Assert.Equal([10000, 20000], lines.Select(l => l!["sequence"]!.GetValue<int>()));
    }

    [Fact]
    public async Task UpsertBatchAsync_OrdersWithOneUnknownCustomer_FailsOnlyThatOrder()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var customer = await CustomerAsync(connector, "CU-6");
        var requests = new[]
        {
            new UpsertRequest("salesOrders", "externalDocumentNumber", "B-1", Order(customer, ("1896-S", 1, 1))),
            new UpsertRequest("salesOrders", "externalDocumentNumber", "B-2", Order(Guid.NewGuid().ToString(), ("1896-S", 1, 1))),
            new UpsertRequest("salesOrders", "externalDocumentNumber", "B-3", Order(customer, ("1900-S", 2, 2))),
        };
        var before = sandbox.RequestCount;

        var results = await connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.Equal(2, sandbox.RequestCount - before); // one $batch of finds, one of creates
        Assert.True(results[0].Succeeded);
        Assert.Equal(ErrorKind.Permanent, results[1].Error!.Kind);
        Assert.Equal("Application_FieldValidationException", results[1].Error!.ErrorCode);
        Assert.True(results[2].Succeeded);
        Assert.NotNull(sandbox.FindOrder("B-3"));
        Assert.Null(sandbox.FindOrder("B-2"));
    }

    [Fact]
    public async Task UpsertBatchAsync_DuplicateKeyInBusinessCentral_FailsPermanentNamingTheKey()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var customer = await CustomerAsync(connector, "CU-7");

        // BC does not keep externalDocumentNumber unique: a user may have entered the same number twice.
        sandbox.Create("salesOrders", new JsonObject { ["customerId"] = customer, ["externalDocumentNumber"] = "DUP-1" });
        sandbox.Create("salesOrders", new JsonObject { ["customerId"] = customer, ["externalDocumentNumber"] = "DUP-1" });

        var results = await connector.UpsertBatchAsync([new UpsertRequest("salesOrders", "externalDocumentNumber", "DUP-1", Order(customer))], CancellationToken.None);

        Assert.Equal("DUPLICATE_KEY", results[0].Error!.ErrorCode);
        Assert.Contains("DUP-1", results[0].Error!.Message, StringComparison.Ordinal);
    }
}
