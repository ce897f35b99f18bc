using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeRateLimiterTests
{
    [Fact]
    public async Task AcquireAsync_PastWindowBudget_WaitsForRefill()
    {
        var time = new FakeTimeProvider();
        var limiter = new FxiaokeRateLimiter(new FxiaokeOptions(), time);
        for (var i = 0; i < 100; i++)
        {
            await limiter.AcquireAsync("cgi/crm/v2/data/query", CancellationToken.None);
        }

        var waiting = limiter.AcquireAsync("cgi/crm/v2/data/query", CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1)); // 100 calls / 20 s refills one slot every 200 ms
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_OtherApi_HasItsOwnBucket()
    {
        var time = new FakeTimeProvider();
        var limiter = new FxiaokeRateLimiter(new FxiaokeOptions { CallsPerWindow = 2 }, time);
        await limiter.AcquireAsync("cgi/crm/v2/data/query", CancellationToken.None);
        await limiter.AcquireAsync("cgi/crm/v2/data/query", CancellationToken.None);

        var other = limiter.AcquireAsync("cgi/crm/v2/data/update", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_WaitLongerThanAllowed_ThrowsThrottledWithRetryAfter()
    {
        var time = new FakeTimeProvider();
        var limiter = new FxiaokeRateLimiter(new FxiaokeOptions { CallsPerWindow = 1, RateLimitWindow = TimeSpan.FromSeconds(60), MaxRateLimitWait = TimeSpan.FromSeconds(10) }, time);
        await limiter.AcquireAsync("a", CancellationToken.None);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => limiter.AcquireAsync("a", CancellationToken.None));

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);

        // The refused caller did not keep its reservation: after one window a call goes through at once.
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.True(limiter.AcquireAsync("a", CancellationToken.None).IsCompletedSuccessfully);
    }
}
