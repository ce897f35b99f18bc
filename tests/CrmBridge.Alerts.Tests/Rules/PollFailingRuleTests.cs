using CrmBridge.Alerts.Channels;
using CrmBridge.Alerts.Rules;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Testing.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Alerts.Tests.Rules;

public sealed class PollFailingRuleTests
{
    private readonly FakeTimeProvider _time = new(TestAlerts.At);
    private readonly MemoryStateStore _store = new();

    [Fact]
    public async Task EvaluateAsync_TenPollsFailThenOneSucceeds_OneAlertAtThresholdAndOneRecovery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var options = Options.Create(new AlertsOptions { PollFailureThreshold = 3 });
        var engine = new AlertEngine(
            [new PollFailingRule(_store, options, _time)],
            new AlertGate(options, _time),
            [new TeamsChannel(TestHttpClients.Factory, receiver.Url("teams"))],
            NullLogger<AlertEngine>.Instance);
        var polls = new PollHealth(_store, _time, NullLogger<PollHealth>.Instance);
        var sentAt = new List<int>();

        for (var poll = 1; poll <= 10; poll++)
        {
            await polls.FailedAsync("zoho", "Accounts", new ConnectorException("zoho", ErrorKind.Permanent, "invalid_code", "zoho: the token request was refused"), CancellationToken.None);
            if ((await engine.RunOnceAsync(CancellationToken.None)).Count > 0)
            {
                sentAt.Add(poll);
            }

            _time.Advance(TimeSpan.FromMinutes(1));
        }

        await polls.SucceededAsync("zoho", "Accounts", 4, CancellationToken.None);
        var recovery = await engine.RunOnceAsync(CancellationToken.None);
        var quiet = await engine.RunOnceAsync(CancellationToken.None);

        Assert.Equal([3], sentAt);
        Assert.True(Assert.Single(recovery).Recovery);
        Assert.Empty(quiet);
        var titles = receiver.Received.Select(r => r.Body["attachments"]![0]!["content"]!["body"]![0]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["[ALERT] Polling zoho/Accounts failed 3 times in a row", "[RESOLVED] Polling zoho/Accounts works again"], titles);
    }

    [Fact]
    public async Task EvaluateAsync_FailureMessageQuotesData_AlertCarriesOnlyTheCode()
    {
        var polls = new PollHealth(_store, _time, NullLogger<PollHealth>.Instance);
        await polls.FailedAsync("fxiaoke", "AccountObj", new ConnectorException("fxiaoke", ErrorKind.Permanent, "40003", "name 'Zhang San' is invalid"), CancellationToken.None);

        var signal = Assert.Single(await new PollFailingRule(_store, Options.Create(new AlertsOptions { PollFailureThreshold = 1 }), _time).EvaluateAsync(CancellationToken.None));

        Assert.True(signal.Firing);
        Assert.Contains(signal.Alert.Facts, f => f.Key == "Last error code" && f.Value == "40003");
        Assert.DoesNotContain(signal.Alert.Facts, f => f.Value.Contains("Zhang", StringComparison.Ordinal));
    }
}
