using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>$batch with continue-on-error, throttling and the concurrency limit.</summary>
public sealed partial class DataverseConnectorTests
{
    [Fact]
    public async Task UpsertBatchAsync_TwoInvalidOfFive_OneCallAndOnlyThoseFail()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var existing = sandbox.Create("salesorders", new JsonObject { ["name"] = "Existing" });
        var requests = new[]
        {
            new UpsertRequest("salesorders", "salesorderid", existing.ToString(), new JsonObject { ["new_trackingnumber"] = "TRK-OK" }),
            new UpsertRequest("salesorders", "salesorderid", Guid.NewGuid().ToString(), new JsonObject { ["new_trackingnumber"] = "TRK-MISSING" }),
            new UpsertRequest("salesorders", "ordernumber", "ORD-B1", new JsonObject { ["name"] = "New one" }),
            new UpsertRequest("salesorders", "ordernumber", "ORD-B2", new JsonObject { ["new_erpstatus"] = 42 }),
            new UpsertRequest("salesorders", "ordernumber", "ORD-B3", new JsonObject { ["name"] = "New three" }),
        };
        await connector.GetAsync("salesorders", existing.ToString(), CancellationToken.None); // token acquired before counting
        var before = sandbox.RequestCount;

        var results = await connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.Equal(1, sandbox.RequestCount - before);
        Assert.Equal([0, 1, 2, 3, 4], results.Select(r => r.Index));
        Assert.True(results[0].Succeeded);
        Assert.False(results[0].Result!.Created);
        Assert.Equal(ErrorKind.NotFound, results[1].Error!.Kind);
        Assert.True(results[2].Result!.Created);
        Assert.Equal(ErrorKind.Permanent, results[3].Error!.Kind);
        Assert.Equal("0x8004431A", results[3].Error!.ErrorCode);
        Assert.True(results[4].Succeeded);
        Assert.Equal("TRK-OK", sandbox.Get("salesorders", existing)!["new_trackingnumber"]?.GetValue<string>());
        Assert.Equal(3, sandbox.Count("salesorders", _ => true));
    }

    [Fact]
    public async Task UpsertBatchAsync_MoreThanBatchSize_SplitsIntoSeveralCalls()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.BatchSize = 4);
        await using var _ = services;
        var requests = Enumerable.Range(0, 10).Select(i => new UpsertRequest("accounts", "accountnumber", $"ACC-{i}", new JsonObject { ["name"] = $"Bulk {i}" })).ToList();

        var results = await connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(10, sandbox.Count("accounts", _ => true));
        Assert.Equal(1 + 3, sandbox.RequestCount); // one token request and three $batch calls
    }

    [Fact]
    public async Task UpsertBatchAsync_WholeBatchThrottled_ThrowsThrottledWithRetryAfter()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        sandbox.Faults.FailNext(1, SandboxFaultKind.Throttle, TimeSpan.FromSeconds(9));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.UpsertBatchAsync(
            [new UpsertRequest("accounts", "accountnumber", "T-1", new JsonObject { ["name"] = "T" })], CancellationToken.None));

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(9), error.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_RequestsPerWindowExceeded_ThrowsThrottledWithServiceProtectionCode()
    {
        await using var sandbox = await DataverseTestHost.StartAsync(o => { o.RequestsPerWindow = 3; o.ThrottleWindow = TimeSpan.FromMinutes(5); });
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Limited" }).ToString();
        for (var i = 0; i < 3; i++)
        {
            await connector.GetAsync("accounts", id, CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("accounts", id, CancellationToken.None));

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal("0x80072322", error.ErrorCode);
        Assert.Equal(429, error.HttpStatus);
        Assert.True(error.RetryAfter > TimeSpan.FromMinutes(4), $"Retry-After was {error.RetryAfter}");
    }

    [Fact]
    public async Task SendAsync_ManyParallelCalls_StayWithinMaxConcurrency()
    {
        await using var sandbox = await DataverseTestHost.StartAsync(o => o.RequestDelay = TimeSpan.FromMilliseconds(20));
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.MaxConcurrency = 3);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Parallel" }).ToString();

        var reads = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => connector.GetAsync("accounts", id, CancellationToken.None)));

        Assert.All(reads, Assert.NotNull);
        Assert.InRange(sandbox.MaxConcurrentRequestsObserved, 2, 3);
    }

    [Fact]
    public async Task SendAsync_SandboxConcurrencyLimitExceeded_ThrowsThrottledConcurrencyCode()
    {
        await using var sandbox = await DataverseTestHost.StartAsync(o => { o.MaxConcurrentRequests = 2; o.RequestDelay = TimeSpan.FromMilliseconds(200); });
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.MaxConcurrency = 8);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Crowded" }).ToString();
        await connector.GetAsync("accounts", id, CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await connector.GetAsync("accounts", id, CancellationToken.None);
                return null;
            }
            catch (ConnectorException error)
            {
                return error;
            }
        }));

        var throttled = outcomes.OfType<ConnectorException>().ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, e => Assert.Equal("0x80072326", e.ErrorCode));
        Assert.All(throttled, e => Assert.True(e.IsRetryable && e.RetryAfter >= TimeSpan.FromSeconds(1)));
    }
}
