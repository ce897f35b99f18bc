using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeTokenRequestLimiterTests
{
    [Fact]
    public void Take_EleventhRequestWithinAMinute_ThrowsThrottledUntilOldestLeavesWindow()
    {
        var time = new FakeTimeProvider();
        var limiter = new FxiaokeTokenRequestLimiter(new FxiaokeOptions(), time);
        for (var i = 0; i < 10; i++)
        {
            limiter.Take();
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var error = Assert.Throws<ConnectorException>(limiter.Take);
        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal("TOKEN_RATE_LIMIT", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(50), error.RetryAfter);

        time.Advance(TimeSpan.FromSeconds(50));
        limiter.Take();
    }
}
