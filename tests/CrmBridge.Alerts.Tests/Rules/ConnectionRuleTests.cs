using CrmBridge.Alerts.Rules;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Alerts.Tests.Rules;

public sealed class ConnectionRuleTests
{
    private readonly FakeTimeProvider _time = new(TestAlerts.At);
    private readonly MemoryStateStore _store = new();
    private readonly ConnectionHealthRegistry _registry;
    private readonly AlertGate _gate;
    private readonly ConnectionRule _rule;

    public ConnectionRuleTests()
    {
        _registry = new ConnectionHealthRegistry(_time);

        // The health service reads checkpoints and dead letters only: forward those to the in-memory store.
        var state = new Mock<ISyncStateStore>();
        state.Setup(s => s.ListCheckpointsAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken ct) => _store.ListCheckpointsAsync(ct));
        state.Setup(s => s.ListDeadLettersAsync(It.IsAny<DeadLetterQuery>(), It.IsAny<CancellationToken>())).Returns((DeadLetterQuery q, CancellationToken ct) => _store.ListDeadLettersAsync(q, ct));
        var health = new ConnectionHealthService(state.Object, [], _time, _registry, Options.Create(new PipelineOptions()));
        _rule = new ConnectionRule(health, Options.Create(new AlertsOptions()), _time);
        _gate = new AlertGate(Options.Create(new AlertsOptions()), _time);
    }

    [Fact]
    public async Task EvaluateAsync_RefreshTokenRevokedThenRenewed_OneAuthenticationAlertThenOneRecovery()
    {
        var zoho = _registry.For("zoho", "Connectors:Zoho");
        zoho.TokenFailed("invalid_code", "zoho: the refresh token was revoked, expired or issued by another data centre (invalid_code from the EU data centre): set Connectors:Zoho:RefreshToken.");

        var first = await RunAsync();
        var repeat = await RunAsync();
        zoho.TokenObtained(_time.GetUtcNow().AddHours(1));
        var recovered = await RunAsync();

        var alert = Assert.Single(first);
        Assert.Equal(AlertKind.Authentication, alert.Kind);
        Assert.Equal("auth:zoho", alert.Key);
        Assert.StartsWith("zoho: the refresh token was revoked", alert.Text, StringComparison.Ordinal);
        Assert.Contains(alert.Facts, f => f.Key == "Reason" && f.Value == "invalid_code");
        Assert.Empty(repeat);
        Assert.True(Assert.Single(recovered).Recovery);
        Assert.Equal("[RESOLVED] zoho accepts our credentials again", recovered[0].Headline);
    }

    [Fact]
    public async Task EvaluateAsync_ChannelExpiredThenRenewed_OnePushChannelAlertThenOneRecovery()
    {
        var zoho = _registry.For("zoho");
        zoho.PushChannelRenewed("1000000068001 (Accounts)", _time.GetUtcNow().AddHours(1));
        Assert.Empty(await RunAsync());
        _time.Advance(TimeSpan.FromHours(2));

        var expired = await RunAsync();
        zoho.PushChannelRenewed("1000000068001 (Accounts)", _time.GetUtcNow().AddDays(1));
        zoho.NotificationReceived();
        var renewed = await RunAsync();

        var alert = Assert.Single(expired);
        Assert.Equal(AlertKind.PushChannel, alert.Kind);
        Assert.Equal("push:zoho/1000000068001 (Accounts)", alert.Key);
        Assert.Contains("expired at", alert.Text, StringComparison.Ordinal);
        Assert.True(Assert.Single(renewed).Recovery);
    }

    [Fact]
    public async Task EvaluateAsync_PushSilentWhilePollsFindChanges_OneAlertThenRecoveryOnNotification()
    {
        var bc = _registry.For("businesscentral");
        bc.PushChannelRenewed("customers", _time.GetUtcNow().AddDays(3));
        bc.NotificationReceived();
        var polls = new PollHealth(_store, _time, NullLogger<PollHealth>.Instance);
        _time.Advance(TimeSpan.FromMinutes(45));
        await polls.SucceededAsync("businesscentral", "customers", 7, CancellationToken.None);

        var silent = await RunAsync();
        bc.NotificationReceived();
        var back = await RunAsync();

        var alert = Assert.Single(silent);
        Assert.Equal(AlertKind.PushChannel, alert.Kind);
        Assert.Equal("businesscentral stopped pushing changes while polling still finds them", alert.Title);
        Assert.True(Assert.Single(back).Recovery);
    }

    private async Task<IReadOnlyList<Alert>> RunAsync() => _gate.Admit(await _rule.EvaluateAsync(CancellationToken.None));
}
