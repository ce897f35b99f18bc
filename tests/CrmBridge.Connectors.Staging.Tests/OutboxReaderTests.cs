using Npgsql;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The ERP → CRM change feed on a real PostgreSQL: late commits, rolled-back identities, outbox types per entity.</summary>
public sealed class OutboxReaderTests
{
    private static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> InsertAsync(NpgsqlConnection connection, StagingTestBed bed, string key, string status = "OPEN")
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {bed.Outbox} (entity_type, erp_id, business_key, change_type, payload) VALUES ('order_status', '9', @k, 'updated', jsonb_build_object('externalId', @k, 'status', @s)) RETURNING seq",
            connection);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("s", status);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task GetChangesAsync_LowerSeqCommitsLate_ReturnedOnNextRead()
    {
        await using var bed = await StagingTestBed.StartAsync();
        await using var slow = await OpenAsync();
        await using var fast = await OpenAsync();
        await using var tx = await slow.BeginTransactionAsync();
        await InsertAsync(slow, bed, "late-order");
        await InsertAsync(fast, bed, "early-order");

        var first = await bed.Connector.GetChangesAsync("sales_order", null, CancellationToken.None);
        await tx.CommitAsync();
        var second = await bed.Connector.GetChangesAsync("sales_order", first.NextCheckpoint, CancellationToken.None);
        var third = await bed.Connector.GetChangesAsync("sales_order", second.NextCheckpoint, CancellationToken.None);

        Assert.Equal(["early-order"], first.Changes.Select(c => c.Id));
        Assert.Equal(["late-order", "early-order"], second.Changes.Select(c => c.Id)); // the overlap re-reads early-order; the ledger drops it
        Assert.Empty(third.Changes);
    }

    [Fact]
    public async Task GetChangesAsync_RolledBackSeq_RereadUntilWindowEndsThenSkipped()
    {
        await using var bed = await StagingTestBed.StartAsync(new Dictionary<string, string?> { ["OverlapWindow"] = "00:01:00" });
        await using var connection = await OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await InsertAsync(connection, bed, "never-committed");
            await tx.RollbackAsync();
        }

        await InsertAsync(connection, bed, "after-gap");

        var first = await bed.Connector.GetChangesAsync("sales_order", null, CancellationToken.None);
        bed.Time.Advance(TimeSpan.FromSeconds(59));
        var withinWindow = await bed.Connector.GetChangesAsync("sales_order", first.NextCheckpoint, CancellationToken.None);
        bed.Time.Advance(TimeSpan.FromSeconds(2));
        var windowEnded = await bed.Connector.GetChangesAsync("sales_order", withinWindow.NextCheckpoint, CancellationToken.None);
        var settled = await bed.Connector.GetChangesAsync("sales_order", windowEnded.NextCheckpoint, CancellationToken.None);

        Assert.Equal(["after-gap"], first.Changes.Select(c => c.Id));
        Assert.Equal(["after-gap"], withinWindow.Changes.Select(c => c.Id));
        Assert.Equal(["after-gap"], windowEnded.Changes.Select(c => c.Id));
        Assert.Empty(settled.Changes);
        Assert.Equal("v1:2:2:0", windowEnded.NextCheckpoint);
    }

    [Fact]
    public async Task GetChangesAsync_OrderShippedAndInvoiced_SalesOrderFeedHasStatusShipmentInvoiceOnly()
    {
        await using var bed = await StagingTestBed.StartAsync(materials: "SKU-100");
        var customer = StagingTestBed.NewKey("C");
        var order = StagingTestBed.NewKey("O");
        await bed.Connector.UpsertAsync(new UpsertRequest("customer", "externalId", customer, new() { ["name"] = "杭州贸易有限公司" }), CancellationToken.None);
        await bed.Connector.UpsertAsync(new UpsertRequest("sales_order", "externalId", order, new()
        {
            ["orderNumber"] = "SO-1",
            ["customerId"] = customer,
            ["lines"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["sku"] = "SKU-100", ["quantity"] = 2 }),
        }), CancellationToken.None);
        Assert.Equal(2, (await bed.Erp.RunOnceAsync()).Accepted);
        await bed.Erp.ShipAsync(order, "SF1234567890", "顺丰速运");
        await bed.Erp.InvoiceAsync(order, "INV-0001");

        var orders = await bed.Connector.GetChangesAsync("sales_order", null, CancellationToken.None);
        var customers = await bed.Connector.GetChangesAsync("customer", null, CancellationToken.None);

        Assert.All(orders.Changes, c => Assert.Equal(order, c.Id));
        Assert.Equal(["order_status", "shipment", "invoice"], orders.Changes.Select(c => c.Snapshot!["_outbox"]!["type"]!.GetValue<string>()));
        Assert.Equal(["OPEN", "SHIPPED", "INVOICED"], orders.Changes.Select(c => c.Snapshot!["status"]!.GetValue<string>()));
        Assert.Equal("SF1234567890", orders.Changes[2].Snapshot!["trackingNumber"]!.GetValue<string>());
        Assert.StartsWith("XSDD", orders.Changes[0].Snapshot!["erpNumber"]!.GetValue<string>(), StringComparison.Ordinal);
        var created = Assert.Single(customers.Changes);
        Assert.Equal(customer, created.Id);
        Assert.Equal("created", created.Snapshot!["_outbox"]!["changeType"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetChangesAsync_CaseResolved_CaseFeedCarriesResolution()
    {
        await using var bed = await StagingTestBed.StartAsync();
        var key = StagingTestBed.NewKey("CASE");
        await bed.Connector.UpsertAsync(new UpsertRequest("case", "externalId", key, new() { ["subject"] = "设备异响 / noisy unit" }), CancellationToken.None);
        await bed.Erp.RunOnceAsync();
        await bed.Erp.ResolveCaseAsync(key, "更换压缩机 / compressor replaced");

        var page = await bed.Connector.GetChangesAsync("case", null, CancellationToken.None);

        var change = Assert.Single(page.Changes);
        Assert.Equal(key, change.Id);
        Assert.Equal("RESOLVED", change.Snapshot!["status"]!.GetValue<string>());
        Assert.Equal("更换压缩机 / compressor replaced", change.Snapshot["resolution"]!.GetValue<string>());
    }
}
