using CrmBridge.Alerts.Tests.Fakes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Alerts.Tests;

public sealed class AlertGateTests
{
    private readonly FakeTimeProvider _time = new(TestAlerts.At);

    [Fact]
    public void Admit_OutageOverThousandEvaluations_SendsOneAlertAndOneRecovery()
    {
        var gate = Gate(new AlertsOptions { RepeatAfter = TimeSpan.FromDays(1) });
        var sent = new List<Alert>();

        for (var i = 0; i < 1000; i++)
        {
            sent.AddRange(gate.Admit([Firing("circuit:erp")]));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        for (var i = 0; i < 100; i++)
        {
            sent.AddRange(gate.Admit([Cleared("circuit:erp")]));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Collection(sent, a => Assert.False(a.Recovery), a => Assert.True(a.Recovery));
    }

    [Fact]
    public void Admit_ConditionStillHoldsAfterRepeatAfter_SendsOneReminder()
    {
        var gate = Gate(new AlertsOptions { RepeatAfter = TimeSpan.FromHours(6) });
        var sent = new List<Alert>();

        for (var minute = 0; minute <= 7 * 60; minute++)
        {
            sent.AddRange(gate.Admit([Firing("circuit:erp")]));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(2, sent.Count);
        Assert.StartsWith("Still: ", sent[1].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_ClearedWithoutEarlierAlert_SendsNothing()
    {
        var gate = Gate(new AlertsOptions());

        Assert.Empty(gate.Admit([Cleared("circuit:erp")]));
    }

    [Fact]
    public void Admit_MoreThanMaxPerHour_HoldsBackAndTellsCountInNextAlert()
    {
        var gate = Gate(new AlertsOptions { MaxPerHour = 3 });

        var first = gate.Admit([.. Enumerable.Range(1, 5).Select(i => Event($"deadletters:route-{i}"))]);
        _time.Advance(TimeSpan.FromMinutes(61));
        var next = gate.Admit([Event("deadletters:route-6")]);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, Assert.Single(next).Suppressed);
    }

    [Fact]
    public void Admit_StartHeldBackByRateLimit_EndsWithoutRecovery()
    {
        var gate = Gate(new AlertsOptions { MaxPerHour = 1 });

        gate.Admit([Event("deadletters:a"), Firing("circuit:erp")]);
        _time.Advance(TimeSpan.FromHours(2));
        var after = gate.Admit([Cleared("circuit:erp")]);

        Assert.Empty(after);
    }

    [Fact]
    public void Admit_EventsWithSameKey_AreEachSent()
    {
        var gate = Gate(new AlertsOptions());

        var sent = gate.Admit([Event("deadletters:a")]).Concat(gate.Admit([Event("deadletters:a")]));

        Assert.Equal(2, sent.Count());
    }

    private AlertGate Gate(AlertsOptions options) => new(Options.Create(options), _time);

    private AlertSignal Firing(string key) => new(Alert(key, recovery: false), Firing: true);

    private AlertSignal Cleared(string key) => new(Alert(key, recovery: true), Firing: false);

    private AlertSignal Event(string key) => new(Alert(key, recovery: false), Firing: true, IsEvent: true);

    private Alert Alert(string key, bool recovery) => new(key, AlertKind.Circuit, key, "text", [], recovery, _time.GetUtcNow());
}
