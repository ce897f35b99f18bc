using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>Thread safety of the store and independence of the API from webhook delivery.</summary>
public sealed partial class ErpSandboxTests
{
    [Fact]
    public async Task Upsert_ParallelSameExternalId_CreatesExactlyOneRecord()
    {
        await using var bed = await ErpTestBed.StartAsync();
        var key = ErpTestServices.NewKey();

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => bed.Connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "Racer" }), CancellationToken.None)));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1, bed.Sandbox.Count(ErpEntities.Customers));
        Assert.Equal(1, bed.Sandbox.LastChangeSeq);
    }

    [Fact]
    public async Task Upsert_ParallelDistinctKeys_AssignsDistinctIdsAndGapFreeSequence()
    {
        await using var bed = await ErpTestBed.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => bed.Connector.UpsertAsync(CustomerRequest($"Parallel {i}"), CancellationToken.None)));
        var feed = await bed.Connector.GetChangesAsync(ErpEntities.Customers, null, CancellationToken.None);

        Assert.Equal(30, results.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 30).Select(n => $"C-{n:D6}"), results.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(30, feed.Changes.Count);
        Assert.Equal("30", feed.NextCheckpoint);
    }

    [Fact]
    public async Task Upsert_WebhookListenerStuck_ApiStillAnswersAndNoticesFollowOnRelease()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var listener = await WebhookListener.StartAsync(gate: gate);
        await using var bed = await ErpTestBed.StartAsync(sandbox: o => { o.WebhookUrl = listener.Url; o.WebhookKey = "k"; });

        for (var i = 0; i < 3; i++)
        {
            await bed.Connector.UpsertAsync(CustomerRequest($"Unblocked {i}"), CancellationToken.None);
        }

        Assert.Equal(3, bed.Sandbox.Count(ErpEntities.Customers));
        Assert.Empty(listener.Received);
        gate.SetResult();
        var received = await listener.WaitForAsync(3);
        Assert.Equal([1L, 2L, 3L], received.Select(r => r.Body["seq"]!.GetValue<long>()));
    }
}
