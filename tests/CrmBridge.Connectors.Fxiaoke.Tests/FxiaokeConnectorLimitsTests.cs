using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>Platform limits over real HTTP: the per-API rate limit respected client-side, 14001, daily quota 30002/30003.</summary>
public sealed class FxiaokeConnectorLimitsTests
{
    [Fact]
    public async Task GetAsync_ThreeTimesTheWindowBudget_WaitsClientSideAndIsNeverThrottled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await FxiaokeTestHost.StartAsync(
            s => { s.TimeProvider = clock; s.CallsPerWindow = 10; },
            c => { c.CallsPerWindow = 10; c.MaxRateLimitWait = TimeSpan.FromMinutes(5); },
            clock);
        var id = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Limit Co" });

        var calls = Task.WhenAll(Enumerable.Range(0, 30).Select(_ => host.Connector.GetAsync("AccountObj", id, CancellationToken.None)));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!calls.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(2);
        }

        var results = await calls; // a 14001 from the sandbox would surface here as a ConnectorException
        Assert.All(results, r => Assert.NotNull(r));
        Assert.True(clock.GetUtcNow() - clock.Start >= TimeSpan.FromSeconds(38), "30 calls at 10 per 20 s need about 40 s of (fake) time");
    }

    [Fact]
    public async Task GetAsync_ServerRateLimit14001_ThrowsThrottledWithWindowRetryAfter()
    {
        await using var host = await FxiaokeTestHost.StartAsync(s => s.CallsPerWindow = 1, c => c.CallsPerWindow = 100);
        await host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None));

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal("14001", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
    }

    [Fact]
    public async Task UpsertAsync_DailyQuotaSpent_ThrowsQuotaExhaustedUntilMidnight()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)); // 20:00 in Shanghai
        await using var host = await FxiaokeTestHost.StartAsync(s => { s.TimeProvider = clock; s.DailyQuota = 1; }, connectorTime: clock);
        await host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Connector.UpsertAsync(new UpsertRequest("AccountObj", "account_no", "Q-1", new JsonObject { ["name"] = "Quota" }), CancellationToken.None));

        Assert.Equal(ErrorKind.QuotaExhausted, error.Kind);
        Assert.Equal("30002", error.ErrorCode);
        Assert.Equal(TimeSpan.FromHours(4), error.RetryAfter);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task UpsertBatchAsync_QuotaExhaustedMidBatch_FailsTheRestWithoutCalling()
    {
        await using var host = await FxiaokeTestHost.StartAsync(s => s.QuotaPurchased = false);
        var before = host.Sandbox.RequestCount;

        var results = await host.Connector.UpsertBatchAsync(
            Enumerable.Range(0, 5).Select(i => new UpsertRequest("SalesOrderObj", "_id", $"60000000000000000000000{i}", new JsonObject { ["erp_status__c"] = "open" })).ToList(),
            CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ErrorKind.QuotaExhausted, r.Error?.Kind));
        Assert.Equal("30003", results[0].Error!.ErrorCode);
        Assert.Equal(2, host.Sandbox.RequestCount - before); // the token and the first write; the other four were not sent
    }
}
