using CrmBridge.Alerts.Rules;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Alerts.Tests.Rules;

public sealed class DeadLetterRuleTests
{
    private readonly FakeTimeProvider _time = new(TestAlerts.At);
    private readonly MemoryStateStore _store = new();

    [Fact]
    public async Task EvaluateAsync_NewDeadLettersInWindow_OneBatchedAlertPerRouteWithTopCodes()
    {
        var rule = new DeadLetterRule(_store, Options.Create(new AlertsOptions()), _time);
        await rule.EvaluateAsync(CancellationToken.None); // starts the window
        await AddAsync("orders-to-erp", "HTTP_400", 7);
        await AddAsync("orders-to-erp", "MAPPING_FAILED", 5);
        await AddAsync("cases-to-erp", "HTTP_400", 1);
        _time.Advance(TimeSpan.FromMinutes(10));

        var signals = await rule.EvaluateAsync(CancellationToken.None);

        Assert.Equal(2, signals.Count);
        var orders = signals.Single(s => s.Alert.Key == "deadletters:orders-to-erp").Alert;
        Assert.True(signals.All(s => s.IsEvent && s.Firing));
        Assert.Equal("12 new failed records on route orders-to-erp in the last 10 minutes", orders.Title);
        Assert.Contains(orders.Facts, f => f.Key == "Top reasons" && f.Value == "HTTP_400 ×7, MAPPING_FAILED ×5");
        Assert.DoesNotContain(orders.Facts, f => f.Value.Contains("reason text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_BeforeWindowEnds_WaitsAndCountsEachLetterOnce()
    {
        var rule = new DeadLetterRule(_store, Options.Create(new AlertsOptions()), _time);
        await rule.EvaluateAsync(CancellationToken.None);
        await AddAsync("orders-to-erp", "HTTP_400", 2);
        _time.Advance(TimeSpan.FromMinutes(5));

        var early = await rule.EvaluateAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var due = await rule.EvaluateAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        var next = await rule.EvaluateAsync(CancellationToken.None);

        Assert.Empty(early);
        Assert.Single(due);
        Assert.Empty(next);
    }

    private async Task AddAsync(string route, string code, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _store.AddDeadLetterAsync(
                new DeadLetter { Envelope = TestEnvelopes.New("dataverse"), Route = route, ErrorCode = code, Reason = "reason text with a customer name", FailedAt = _time.GetUtcNow() },
                CancellationToken.None);
        }
    }
}
