using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeRateLimiterTests
{
    [Fact]
    public async Task AcquireAsync_PastWindowBudget_WaitsUntilOldestCallLeavesWindow()
    {
        var time = new FakeTimeProvider();
        var limiter = new FxiaokeRateLimiter(new FxiaokeOptions(), time);
        for (var i = 0; i < 100; i++)
        {
            (await limiter.AcquireAsync("cgi/crm/v2/data/query", CancellationToken.None)).Dispose();
        }

        var waiting = limiter.AcquireAsync("cgi/crm/v2/data/query", CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(19_999));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1)); // 100 calls / 20 s in any window: the 101st starts 20 s after the 1st
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_SteadyLoad_NeverMoreThanBudgetInAnyWindow()
    {
        var time = new FakeTimeProvider();
        var limiter = new FxiaokeRateLimiter(new FxiaokeOptions { CallsPerWindow = 10, MaxRateLimitWait = TimeSpan.FromMinutes(5) }, time);
        var starts = new List<DateTimeOffset>();
        var calls = Enumerable.Range(0, 35).Select(async _ =>
        {
            (await limiter.AcquireAsync("a", CancellationToken.None)).Dispose();
            lock (starts)
            {
                starts.Add(time.GetUtcNow());
            }
        }).ToList();

        for (var i = 0; i < 2_000 && !calls.All(c => c.IsCompleted); i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(1);
        }

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(5));
        var sorted = starts.Order().ToList();
        for (var i = 10; i < sorted.Count; i++)
        {
            Assert.True(sorted[i] - sorted[i - 10] >= TimeSpan.FromSeconds(20), $"call {i} started within 20 s of call {i - 10}");
        }
    }

    [Fact]
    public async Task AcquireAsync_OtherApi_HasItsOwnBucket()
    {
        var time = new FakeTimeProvider();
        var limiter = new FxiaokeRateLimiter(new FxiaokeOptions { CallsPerWindow = 2 }, time);
        using var first = await limiter.AcquireAsync("cgi/crm/v2/data/query", CancellationToken.None);
        using var second = await limiter.AcquireAsync("cgi/crm/v2/data/query", CancellationToken.None);

        var other = limiter.AcquireAsync("cgi/crm/v2/data/update", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_WaitLongerThanAllowed_ThrowsThrottledWithRetryAfter()
    {
        var time = new FakeTimeProvider();
        var limiter = new FxiaokeRateLimiter(new FxiaokeOptions { CallsPerWindow = 1, RateLimitWindow = TimeSpan.FromSeconds(60), MaxRateLimitWait = TimeSpan.FromSeconds(10) }, time);
        (await limiter.AcquireAsync("a", CancellationToken.None)).Dispose();

        var refused = limiter.AcquireAsync("a", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<ConnectorException>(() => refused);

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
        time.Advance(TimeSpan.FromSeconds(50)); // the first call's window is over
        Assert.True(limiter.AcquireAsync("a", CancellationToken.None).IsCompletedSuccessfully);
    }
}
