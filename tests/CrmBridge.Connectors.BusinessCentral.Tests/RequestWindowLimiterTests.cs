using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

public sealed class RequestWindowLimiterTests
{
    [Fact]
    public async Task WaitAsync_OverTheLimit_WaitsUntilTheOldestLeavesTheWindow()
    {
        var clock = new FakeTimeProvider();
        var limiter = new RequestWindowLimiter(3, TimeSpan.FromMinutes(5), clock);
        for (var i = 0; i < 3; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var fourth = limiter.WaitAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(fourth.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(40));
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, limiter.InWindow); // at 5:10 the starts at 0:00 and 0:10 have left; 0:20 and the fourth remain
    }
}
