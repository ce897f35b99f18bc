using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeErrorsTests
{
    [Fact]
    public void FromErrorCode_DailyQuota_QuotaExhaustedUntilNextMidnightChinaTime()
    {
        // 2026-11-27 10:00 UTC = 18:00 in Shanghai: the quota resets at 16:00 UTC (00:00 +08:00), 6 h later.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        var errors = new FxiaokeErrors(new FxiaokeOptions(), time);

        var error = errors.FromErrorCode(30002, "当天访问频次超限", "cgi/crm/v2/data/query");

        Assert.Equal(ErrorKind.QuotaExhausted, error.Kind);
        Assert.Equal("30002", error.ErrorCode);
        Assert.Equal(TimeSpan.FromHours(6), error.RetryAfter);
        Assert.Contains("当天访问频次超限", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromErrorCode_NoQuotaAfterConfiguredResetTime_WaitsUntilTomorrowsReset()
    {
        // 20:00 UTC = 04:00 +08:00 next day; reset configured at 02:00 local has passed: next is in 22 h.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.Zero));
        var errors = new FxiaokeErrors(new FxiaokeOptions { QuotaResetTimeOfDay = TimeSpan.FromHours(2) }, time);

        var error = errors.FromErrorCode(30003, "no quota", "x");

        Assert.Equal(ErrorKind.QuotaExhausted, error.Kind);
        Assert.Equal(TimeSpan.FromHours(22), error.RetryAfter);
    }

    [Fact]
    public void FromErrorCode_RateLimit_ThrottledWithConfiguredWindow()
    {
        var errors = new FxiaokeErrors(new FxiaokeOptions { ThrottleRetryAfter = TimeSpan.FromSeconds(20) }, new FakeTimeProvider());

        var error = errors.FromErrorCode(14001, "接口调用超过限制", "x");

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
    }

    [Fact]
    public void FromErrorCode_Validation_PermanentKeepsCodeAndMessage()
    {
        var errors = new FxiaokeErrors(new FxiaokeOptions(), new FakeTimeProvider());

        var error = errors.FromErrorCode(32000, "AccountObj.name: required field is empty", "cgi/crm/v2/data/create");

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("32000", error.ErrorCode);
        Assert.Equal("fxiaoke", error.System);
        Assert.Contains("AccountObj.name", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RetryAfter);
    }
}
