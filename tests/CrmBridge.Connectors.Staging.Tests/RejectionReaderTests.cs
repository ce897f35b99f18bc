using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>ERP rejections surfaced through <see cref="IRejectionFeed"/>, acknowledged, and replayed by staging again.</summary>
public sealed class RejectionReaderTests
{
    private static UpsertRequest Order(string key, string customer, string sku) => new("sales_order", "externalId", key, new JsonObject
    {
        ["orderNumber"] = key,
        ["customerId"] = customer,
        ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 3 }),
    });

    private static async Task<(StagingTestBed Bed, string Customer, string Order)> RejectedOrderAsync()
    {
        var bed = await StagingTestBed.StartAsync();
        var customer = StagingTestBed.NewKey("C");
        var order = StagingTestBed.NewKey("O");
        await bed.Connector.UpsertAsync(new UpsertRequest("customer", "externalId", customer, new JsonObject { ["name"] = "Shenzhen Parts" }), CancellationToken.None);
        await bed.Connector.UpsertAsync(Order(order, customer, "SKU-NEW"), CancellationToken.None);
        await bed.Erp.RunOnceAsync();
        return (bed, customer, order);
    }

    [Fact]
    public async Task ReadRejectionsAsync_ErpRejectedRow_SurfacesKeyCodeAndMessage()
    {
        var (bed, _, order) = await RejectedOrderAsync();
        await using var _ = bed;

        var rejection = Assert.Single(await bed.Feedback.ReadRejectionsAsync(10, CancellationToken.None));

        Assert.Equal(new RecordRef("staging", "sales_order", order), rejection.Target);
        Assert.Equal("MATERIAL_NOT_FOUND", rejection.ErrorCode);
        Assert.Equal("物料[SKU-NEW]不存在 (unknown material)", rejection.Message);
        Assert.Equal(1, rejection.Attempts);
    }

    [Fact]
    public async Task ReadRejectionsAsync_ClaimedByAnotherHost_NotReturnedWithinLease()
    {
        var (bed, _, _) = await RejectedOrderAsync();
        await using var _ = bed;
        await using var otherHost = bed.BuildServices();

        var first = await bed.Feedback.ReadRejectionsAsync(10, CancellationToken.None);
        var other = await otherHost.GetRequiredService<IRejectionFeed>().ReadRejectionsAsync(10, CancellationToken.None);
        var again = await bed.Feedback.ReadRejectionsAsync(10, CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(other);
        Assert.Single(again); // the claiming host may read its own claim again (it stopped before acknowledging)
    }

    [Fact]
    public async Task AcknowledgeRejectionAsync_ThenSamePayloadStagedAgain_RestagesAndErpAccepts()
    {
        var (bed, customer, order) = await RejectedOrderAsync();
        await using var _ = bed;
        var rejection = Assert.Single(await bed.Feedback.ReadRejectionsAsync(10, CancellationToken.None));

        Assert.True(await bed.Feedback.AcknowledgeRejectionAsync(rejection, CancellationToken.None));
        Assert.Equal("dead", await bed.StatusAsync("sales_order", order));
        Assert.Empty(await bed.Feedback.ReadRejectionsAsync(10, CancellationToken.None));
        await bed.Erp.AddMaterialsAsync(["SKU-NEW"]);
        await bed.Connector.UpsertAsync(Order(order, customer, "SKU-NEW"), CancellationToken.None); // the replay: same document

        Assert.Equal("pending", await bed.StatusAsync("sales_order", order));
        Assert.Equal(1, (await bed.Erp.RunOnceAsync()).Accepted);
        Assert.Equal("done", await bed.StatusAsync("sales_order", order));
    }

    [Fact]
    public async Task AcknowledgeRejectionAsync_RowRestagedMeanwhile_ReturnsFalseAndKeepsItPending()
    {
        var (bed, customer, order) = await RejectedOrderAsync();
        await using var _ = bed;
        var rejection = Assert.Single(await bed.Feedback.ReadRejectionsAsync(10, CancellationToken.None));
        await bed.Connector.UpsertAsync(Order(order, customer, "SKU-OTHER"), CancellationToken.None);

        Assert.False(await bed.Feedback.AcknowledgeRejectionAsync(rejection, CancellationToken.None));
        Assert.Equal("pending", await bed.StatusAsync("sales_order", order));
    }
}
