using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>The reference ERP sandbox itself: webhooks, controls, time, over real loopback HTTP.</summary>
public sealed partial class ErpSandboxTests
{
    [Fact]
    public async Task StartAsync_WithWebhook_PostsEachChangeInOrderWithTheKey()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var bed = await ErpTestBed.StartAsync(sandbox: o => { o.WebhookUrl = listener.Url; o.WebhookKey = "hook-secret"; });
        var customer = await bed.Connector.UpsertAsync(CustomerRequest("Hooked"), CancellationToken.None);
        var order = await bed.Connector.UpsertAsync(OrderRequest(customer.Id), CancellationToken.None);
        await bed.Connector.DeleteAsync(ErpEntities.SalesOrders, order.Id, CancellationToken.None);

        var received = await listener.WaitForAsync(3);

        Assert.Equal([1L, 2L, 3L], received.Select(r => r.Body["seq"]!.GetValue<long>()));
        Assert.All(received, r => Assert.Equal("hook-secret", r.Key));
        Assert.Equal(customer.Id, received[0].Body["id"]!.GetValue<string>());
        Assert.Equal("customers", received[0].Body["entity"]!.GetValue<string>());
        Assert.Equal("upsert", received[1].Body["operation"]!.GetValue<string>());
        Assert.Equal("delete", received[2].Body["operation"]!.GetValue<string>());
        Assert.Equal(1, received[2].Body["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task StartAsync_WebhookFailsTwice_RetriesAndKeepsOrder()
    {
        await using var listener = await WebhookListener.StartAsync(failFirst: 2);
        await using var bed = await ErpTestBed.StartAsync(sandbox: o =>
        {
            o.WebhookUrl = listener.Url;
            o.WebhookKey = "k";
            o.WebhookRetryDelay = TimeSpan.FromMilliseconds(5);
        });
        for (var i = 0; i < 3; i++)
        {
            await bed.Connector.UpsertAsync(CustomerRequest($"Retry {i}"), CancellationToken.None);
        }

        var received = await listener.WaitForAsync(3);

        // The listener records a call before it answers; the sandbox counts it once the answer arrives.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (bed.Sandbox.WebhookDeliveries < 3 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal([1L, 2L, 3L], received.Select(r => r.Body["seq"]!.GetValue<long>()));
        Assert.Equal(2, bed.Sandbox.WebhookFailedAttempts);
        Assert.Equal(3, bed.Sandbox.WebhookDeliveries);
    }

    [Fact]
    public async Task StartAsync_WebhookFailsPastMaxAttempts_SkipsThatNoticeAndDeliversTheNext()
    {
        await using var listener = await WebhookListener.StartAsync(failFirst: 2);
        await using var bed = await ErpTestBed.StartAsync(sandbox: o =>
        {
            o.WebhookUrl = listener.Url;
            o.WebhookKey = "k";
            o.WebhookMaxAttempts = 2;
            o.WebhookRetryDelay = TimeSpan.FromMilliseconds(5);
        });
        await bed.Connector.UpsertAsync(CustomerRequest("Lost Notice"), CancellationToken.None);
        await bed.Connector.UpsertAsync(CustomerRequest("Delivered Notice"), CancellationToken.None);

        var received = await listener.WaitForAsync(1);

        Assert.Equal([2L], received.Select(r => r.Body["seq"]!.GetValue<long>()));
        Assert.Equal(2, bed.Sandbox.WebhookFailedAttempts);
    }

    [Fact]
    public async Task StartAsync_NonLoopbackWebhook_Throws()
    {
        var options = new ErpSandboxOptions { ApiKey = "k", WebhookUrl = new Uri("http://example.com/hook") };

        await Assert.ThrowsAsync<ArgumentException>(() => ErpSandbox.StartAsync(options));
    }

    [Fact]
    public async Task StartAsync_NoApiKey_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ErpSandbox.StartAsync(new ErpSandboxOptions()));
    }

    [Fact]
    public async Task UpsertRecordAsync_FakeTime_StampsUpdatedAtFromTheTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k", TimeProvider = time });

        var created = await erp.UpsertRecordAsync(ErpEntities.Customers, "EXT-1", new JsonObject { ["name"] = "Timed" });
        time.Advance(TimeSpan.FromMinutes(1));
        var order = await erp.UpsertRecordAsync(ErpEntities.SalesOrders, "EXT-SO-1", new JsonObject
        {
            ["orderNumber"] = "O-1", ["customerId"] = created["id"]!.GetValue<string>(),
        });
        var shipped = await erp.ShipOrderAsync(order["id"]!.GetValue<string>());

        Assert.Equal("2026-03-04T05:06:07.890Z", created["updatedAt"]!.GetValue<string>());
        Assert.Equal("2026-03-04T05:07:07.890Z", shipped["shippedAt"]!.GetValue<string>());
        Assert.Equal("C-000001", created["id"]!.GetValue<string>());
        Assert.Equal("CNY", created["currency"]!.GetValue<string>());
        Assert.Equal("ACTIVE", created["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Counts_AfterSeeding_CountsEachEntityAndListsIds()
    {
        await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "k" });
        var customer = await erp.UpsertRecordAsync(ErpEntities.Customers, "C1", new JsonObject { ["name"] = "A" });
        await erp.UpsertRecordAsync(ErpEntities.Customers, "C2", new JsonObject { ["name"] = "B" });
        await erp.UpsertRecordAsync(ErpEntities.Cases, "K1", new JsonObject { ["subject"] = "Broken", ["customerId"] = customer["id"]!.DeepClone() });

        var counts = erp.Counts();

        Assert.Equal(2, counts[ErpEntities.Customers]);
        Assert.Equal(0, counts[ErpEntities.SalesOrders]);
        Assert.Equal(1, erp.Count(ErpEntities.Cases));
        Assert.Equal(["C-000001", "C-000002"], erp.ListIds(ErpEntities.Customers));
        Assert.Equal("AS-000001", erp.FindByExternalId(ErpEntities.Cases, "K1")!["id"]!.GetValue<string>());
        Assert.Equal("NORMAL", erp.GetRecord(ErpEntities.Cases, "AS-000001")!["priority"]!.GetValue<string>());
    }

    internal static UpsertRequest CustomerRequest(string name) =>
        new(ErpEntities.Customers, "externalId", ErpTestServices.NewKey(), new JsonObject { ["name"] = name });

    internal static UpsertRequest OrderRequest(string customerId) =>
        new(ErpEntities.SalesOrders, "externalId", ErpTestServices.NewKey("SO"), ErpConnectorTests.Order(customerId, 2));
}
