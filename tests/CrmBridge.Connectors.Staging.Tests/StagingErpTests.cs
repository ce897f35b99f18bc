using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Staging;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The ERP emulator's job loop against what the connector stages: validation, deferral, ERP numbers, SKIP LOCKED.</summary>
public sealed class StagingErpTests
{
    private static UpsertRequest Order(string key, string customer, params string[] skus) => new("sales_order", "externalId", key, new JsonObject
    {
        ["orderNumber"] = key,
        ["customerId"] = customer,
        ["lines"] = new JsonArray(skus.Select(s => (JsonNode)new JsonObject { ["sku"] = s, ["quantity"] = 1 }).ToArray()),
    });

    private static UpsertRequest Customer(string key) => new("customer", "externalId", key, new JsonObject { ["name"] = "客户 " + key });

    private static async Task<string?> ErrorAsync(StagingTestBed bed, string entity, string key) =>
        (await bed.Connector.GetAsync(entity, key, CancellationToken.None))!.Data["_staging"]!["errorMessage"]?.GetValue<string>();

    [Fact]
    public async Task RunOnceAsync_UnknownCustomer_WritesErrorRowWithErpMessage()
    {
        await using var bed = await StagingTestBed.StartAsync(materials: "SKU-1");
        var key = StagingTestBed.NewKey("O");
        await bed.Connector.UpsertAsync(Order(key, "no-such-customer", "SKU-1"), CancellationToken.None);

        var run = await bed.Erp.RunOnceAsync();

        Assert.Equal(1, run.Rejected);
        Assert.Equal("error", await bed.StatusAsync("sales_order", key));
        Assert.Equal("客户[no-such-customer]不存在 (unknown customer)", await ErrorAsync(bed, "sales_order", key));
    }

    [Fact]
    public async Task RunOnceAsync_MissingMaterial_WritesErrorRowNamingTheMaterial()
    {
        await using var bed = await StagingTestBed.StartAsync(materials: "SKU-1");
        var customer = StagingTestBed.NewKey("C");
        var key = StagingTestBed.NewKey("O");
        await bed.Connector.UpsertAsync(Customer(customer), CancellationToken.None);
        await bed.Connector.UpsertAsync(Order(key, customer, "SKU-1", "SKU-404"), CancellationToken.None);

        var run = await bed.Erp.RunOnceAsync();

        Assert.Equal((2, 1, 1), (run.Claimed, run.Accepted, run.Rejected));
        Assert.Equal("物料[SKU-404]不存在 (unknown material)", await ErrorAsync(bed, "sales_order", key));
        Assert.Null(await bed.Erp.GetOrderAsync(key));
    }

    [Fact]
    public async Task RunOnceAsync_OrderStagedBeforeItsCustomer_DefersThenBooks()
    {
        await using var bed = await StagingTestBed.StartAsync(materials: "SKU-1");
        var customer = StagingTestBed.NewKey("C");
        var key = StagingTestBed.NewKey("O");
        await bed.Connector.UpsertAsync(Order(key, customer, "SKU-1"), CancellationToken.None);
        await bed.Connector.UpsertAsync(Customer(customer), CancellationToken.None);

        var first = await bed.Erp.RunOnceAsync();
        var second = await bed.Erp.RunOnceAsync();

        Assert.Equal((1, 1), (first.Deferred, first.Accepted));
        Assert.Equal(1, second.Accepted);
        var order = await bed.Erp.GetOrderAsync(key);
        Assert.Equal("OPEN", order!["status"]!.GetValue<string>());
        var staged = (await bed.Connector.GetAsync("sales_order", key, CancellationToken.None))!.Data["_staging"]!;
        Assert.Equal(order["erpNumber"]!.GetValue<string>(), staged["erpNumber"]!.GetValue<string>());
        Assert.Equal(1, staged["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task RunOnceAsync_TwoJobsAtOnce_BookEveryRowExactlyOnce()
    {
        await using var bed = await StagingTestBed.StartAsync();
        var keys = Enumerable.Range(0, 300).Select(_ => StagingTestBed.NewKey("C")).ToList();
        await bed.Connector.UpsertBatchAsync(keys.Select(Customer).ToList(), CancellationToken.None);
        await using var second = await StagingErp.StartAsync(new StagingErpOptions { ConnectionString = TestPostgres.ConnectionString, Schema = bed.Schema, ClaimSize = 20 });

        async Task<int> DrainAsync(StagingErp erp)
        {
            var accepted = 0;
            for (var run = await erp.RunOnceAsync(); run.Claimed > 0; run = await erp.RunOnceAsync())
            {
                accepted += run.Accepted;
            }

            return accepted;
        }

        var counts = await Task.WhenAll(DrainAsync(bed.Erp), DrainAsync(second));

        Assert.Equal(300, counts.Sum());
        Assert.True(counts.All(c => c > 0), $"both jobs should have taken rows: {string.Join(", ", counts)}");
        Assert.Equal(300L, await bed.ScalarAsync<long>($"SELECT count(DISTINCT business_key) FROM {bed.Outbox} WHERE entity_type = 'customer'"));
        Assert.Equal(300L, await bed.ScalarAsync<long>($"SELECT count(*) FROM {bed.Outbox}"));
        Assert.Equal(300L, await bed.ScalarAsync<long>($"SELECT count(*) FROM {bed.Staging} WHERE status = 'done'"));
        Assert.Equal(300, bed.Erp.CountBooked("customer"));
        Assert.Equal(keys.Order(StringComparer.Ordinal), (await bed.Erp.ListBookedKeysAsync("customer")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StartJob_RowsStagedWhileRunning_AreBookedInTheBackground()
    {
        await using var bed = await StagingTestBed.StartAsync();
        bed.Erp.StartJob(TimeSpan.FromMilliseconds(20));
        var keys = Enumerable.Range(0, 50).Select(_ => StagingTestBed.NewKey("C")).ToList();

        await bed.Connector.UpsertBatchAsync(keys.Select(Customer).ToList(), CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await bed.ScalarAsync<long>($"SELECT count(*) FROM {bed.Staging} WHERE status = 'done'") < 50 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(50L, await bed.ScalarAsync<long>($"SELECT count(*) FROM {bed.Staging} WHERE status = 'done'"));
        Assert.Equal(0, bed.Erp.JobFailures);
    }
}
