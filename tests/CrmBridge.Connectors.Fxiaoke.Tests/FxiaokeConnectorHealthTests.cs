using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Fxiaoke;
using CrmBridge.Testing.Http;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>
/// Connection health from Fxiaoke's HTTP-200 error envelopes (the handler cannot see them): rate limits and quota via
/// the error classifier, a refused token via the token provider, over loopback against the sandbox.
/// </summary>
public sealed class FxiaokeConnectorHealthTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)); // 20:00 in Shanghai

    [Fact]
    public async Task Health_RateLimitAndDailyQuota_CountedAsThrottledWithQuotaLeft()
    {
        await using var sandbox = await FxiaokeSandbox.StartAsync(new FxiaokeSandboxOptions { TimeProvider = _clock, CallsPerWindow = 1, DailyQuota = 3 }, CancellationToken.None);
        var tracker = new ConnectorHealthTracker(_clock, sandbox.BaseAddress.ToString(), "fxiaoke", FxiaokeOptions.SectionName);
        var options = FxiaokeTestHost.ConnectorOptions(sandbox);
        options.CallsPerWindow = 100;
        using var connector = new FxiaokeConnector(options, TestHttpClients.Factory, _clock, null, tracker);
        await connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None);

        var limited = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None));
        var afterLimit = tracker.Snapshot();
        _clock.Advance(TimeSpan.FromSeconds(21));
        await connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(21));
        var quota = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.UpsertAsync(new UpsertRequest("AccountObj", "account_no", "Q-1", new JsonObject { ["name"] = "Quota" }), CancellationToken.None));
        var afterQuota = tracker.Snapshot();

        Assert.Equal("14001", limited.ErrorCode);
        Assert.Equal(1, afterLimit.ThrottledLastHour);
        Assert.Equal("14001", afterLimit.LastErrorCode);
        Assert.Equal("30002", quota.ErrorCode);
        Assert.Equal(2, afterQuota.ThrottledLastHour);
        Assert.Equal("daily quota exhausted (errorCode 30002); resets in 4 h", afterQuota.QuotaRemaining);
    }

    [Fact]
    public async Task Health_AppSecretRefusedThenFixed_FailingWithOneLineThenObtained()
    {
        await using var sandbox = await FxiaokeSandbox.StartAsync(new FxiaokeSandboxOptions(), CancellationToken.None);
        var tracker = new ConnectorHealthTracker(TimeProvider.System, sandbox.BaseAddress.ToString(), "fxiaoke", FxiaokeOptions.SectionName);
        var wrong = FxiaokeTestHost.ConnectorOptions(sandbox);
        wrong.AppSecret = "rotated-secret";
        using var refused = new FxiaokeConnector(wrong, TestHttpClients.Factory, null, null, tracker);

        await Assert.ThrowsAsync<ConnectorException>(() => refused.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None));
        var bad = tracker.Snapshot();
        using var fixedConnector = new FxiaokeConnector(FxiaokeTestHost.ConnectorOptions(sandbox), TestHttpClients.Factory, null, null, tracker);
        await fixedConnector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None);
        var good = tracker.Snapshot();

        Assert.Equal(AuthenticationState.Failing, bad.Authentication);
        Assert.StartsWith("fxiaoke: the token request was refused (errorCode ", bad.Problem, StringComparison.Ordinal);
        Assert.EndsWith("check AppId, AppSecret and PermanentCode under Connectors:Fxiaoke (is the app still authorised by the enterprise?).", bad.Problem, StringComparison.Ordinal);
        Assert.Equal(AuthenticationState.Obtained, good.Authentication);
        Assert.Null(good.Problem);
    }
}
