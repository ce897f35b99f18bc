using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>Two bridge hosts (two connectors, two pools) staging the same records at once, with the ERP job running.</summary>
public sealed class StagingConcurrencyTests
{
    [Fact]
    public async Task UpsertBatchAsync_TwoHostsSameKeysConcurrently_NoErrorsAndOneRowPerKey()
    {
        await using var bed = await StagingTestBed.StartAsync(new Dictionary<string, string?> { ["BatchSize"] = "100" });
        await using var hostB = bed.BuildServices(new Dictionary<string, string?> { ["BatchSize"] = "100" });
        var hosts = new[] { bed.Connector, hostB.GetRequiredService<IErpConnector>() };
        var keys = Enumerable.Range(0, 2000).Select(i => $"K-{i:D5}").ToList();
        bed.Erp.StartJob(TimeSpan.FromMilliseconds(10));

        async Task<int> StageAsync(IErpConnector connector, string host, int seed)
        {
            var failed = 0;
            var order = keys.OrderBy(_ => Random.Shared.Next()).ToList(); // different orders: locks must still not deadlock
            foreach (var chunk in order.Chunk(250))
            {
                var requests = chunk.Select(k => new UpsertRequest("customer", "externalId", k, new JsonObject { ["name"] = $"{host} {k}", ["seed"] = seed })).ToList();
                failed += (await connector.UpsertBatchAsync(requests, CancellationToken.None)).Count(r => !r.Succeeded);
            }

            return failed;
        }

        var failures = await Task.WhenAll(StageAsync(hosts[0], "A", 1), StageAsync(hosts[1], "B", 2), StageAsync(hosts[0], "A", 3), StageAsync(hosts[1], "B", 4));

        Assert.All(failures, f => Assert.Equal(0, f));
        Assert.Equal(2000L, await bed.ScalarAsync<long>($"SELECT count(*) FROM {bed.Staging}"));
        Assert.Equal(2000L, await bed.ScalarAsync<long>($"SELECT count(DISTINCT business_key) FROM {bed.Staging}"));
        Assert.Equal(0L, await bed.ScalarAsync<long>($"SELECT count(*) FROM {bed.Staging} WHERE payload->>'name' NOT IN ('A ' || business_key, 'B ' || business_key)"));
    }
}
