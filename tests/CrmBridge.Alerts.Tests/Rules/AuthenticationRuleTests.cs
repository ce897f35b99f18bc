using CrmBridge.Alerts.Rules;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Alerts.Tests.Rules;

public sealed class AuthenticationRuleTests
{
    private readonly FakeTimeProvider _time = new(TestAlerts.At);
    private readonly MemoryStateStore _store = new();

    [Fact]
    public async Task EvaluateAsync_TokenRevokedThenRenewed_FiresThenClears()
    {
        var rule = new AuthenticationRule(_store, Options.Create(new AlertsOptions()), _time);
        await _store.AddDeadLetterAsync(Letter("HTTP_401"), CancellationToken.None);

        var bad = await rule.EvaluateAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(11));
        var good = await rule.EvaluateAsync(CancellationToken.None);

        var fired = Assert.Single(bad);
        Assert.True(fired.Firing);
        Assert.Equal(AlertKind.Authentication, fired.Alert.Kind);
        Assert.Equal("auth:orders-to-erp", fired.Alert.Key);
        var cleared = Assert.Single(good);
        Assert.False(cleared.Firing);
        Assert.True(cleared.Alert.Recovery);
    }

    [Fact]
    public async Task EvaluateAsync_OtherErrorCodes_NoSignal()
    {
        var rule = new AuthenticationRule(_store, Options.Create(new AlertsOptions()), _time);
        await _store.AddDeadLetterAsync(Letter("HTTP_400"), CancellationToken.None);

        Assert.Empty(await rule.EvaluateAsync(CancellationToken.None));
    }

    private DeadLetter Letter(string code) =>
        new() { Envelope = TestEnvelopes.New("dataverse"), Route = "orders-to-erp", ErrorCode = code, Reason = "Unauthorized", FailedAt = _time.GetUtcNow() };
}
