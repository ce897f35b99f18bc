using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>Batch upsert: chunking by BatchSize, per-item errors, the one-by-one fallback.</summary>
public sealed partial class ErpConnectorTests
{
    [Fact]
    public async Task UpsertBatchAsync_FiveItemsBatchSizeTwo_UsesThreeCallsAndKeepsOrder()
    {
        await using var bed = await ErpTestBed.StartAsync(new Dictionary<string, string?> { ["BatchSize"] = "2" });
        var requests = Enumerable.Range(0, 5).Select(i => Customer($"Batch {i}")).ToList();
        var before = bed.Sandbox.RequestCount;

        var created = await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);
        var calls = bed.Sandbox.RequestCount - before;
        var again = await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.Equal(3, calls);
        Assert.Equal([0, 1, 2, 3, 4], created.Select(r => r.Index));
        Assert.All(created, r => Assert.True(r.Succeeded && r.Result!.Created));
        Assert.Equal(created.Select(r => r.Result!.Id), again.Select(r => r.Result!.Id));
        Assert.All(again, r => Assert.False(r.Result!.Created));
        Assert.Equal(5, bed.Sandbox.Count(ErpEntities.Customers));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"Batch {i}", bed.Sandbox.GetRecord(ErpEntities.Customers, created[i].Result!.Id)!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task UpsertBatchAsync_OrderWithUnknownCustomer_FailsOnlyThatItemAsPermanent()
    {
        var customer = await CreateCustomerAsync();
        var requests = new[]
        {
            new UpsertRequest(ErpEntities.SalesOrders, "externalId", ErpTestServices.NewKey("SO"), Order(customer, 1)),
            new UpsertRequest(ErpEntities.SalesOrders, "externalId", ErpTestServices.NewKey("SO"), Order("C-424242", 1)),
        };

        var results = await Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.True(results[0].Succeeded);
        Assert.Equal("UNKNOWN_CUSTOMER", results[1].Error!.ErrorCode);
        Assert.Equal(ErrorKind.Permanent, results[1].Error!.Kind);
    }

    [Fact]
    public async Task UpsertBatchAsync_NoBatchEndpointConfigured_UpsertsOneCallPerRecord()
    {
        await using var bed = await ErpTestBed.StartAsync(new Dictionary<string, string?> { ["Entities:customers:BatchPath"] = string.Empty });
        var requests = new[] { Customer("One"), new UpsertRequest(ErpEntities.Customers, "externalId", ErpTestServices.NewKey(), new JsonObject()), Customer("Three") };
        var before = bed.Sandbox.RequestCount;

        var results = await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.Equal(3, bed.Sandbox.RequestCount - before);
        Assert.Equal([true, false, true], results.Select(r => r.Succeeded));
        Assert.Equal("VALIDATION", results[1].Error!.ErrorCode);
    }

    [Fact]
    public async Task UpsertBatchAsync_Throttled_ThrowsForTheWholeCall()
    {
        fixture.Sandbox.Faults.FailNext(1, SandboxFaultKind.Throttle, TimeSpan.FromSeconds(3));
        try
        {
            var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.UpsertBatchAsync([Customer("Throttled Batch")], CancellationToken.None));

            Assert.Equal(ErrorKind.Throttled, error.Kind);
            Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        }
        finally
        {
            fixture.Sandbox.Faults.Clear();
        }
    }

    [Fact]
    public async Task UpsertBatchAsync_MixedEntities_ThrowsArgumentException()
    {
        var requests = new[] { Customer("A"), new UpsertRequest(ErpEntities.Cases, "externalId", "X", new JsonObject { ["subject"] = "S" }) };

        await Assert.ThrowsAsync<ArgumentException>(() => Connector.UpsertBatchAsync(requests, CancellationToken.None));
    }
}
