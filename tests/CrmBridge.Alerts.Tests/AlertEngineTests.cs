using CrmBridge.Alerts.Channels;
using CrmBridge.Alerts.Rules;
using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Testing.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Alerts.Tests;

public sealed class AlertEngineTests
{
    private readonly FakeTimeProvider _time = new(TestAlerts.At);
    private readonly MemoryStateStore _store = new();

    [Fact]
    public async Task RunOnceAsync_ErpOutageOfTwoHours_PostsOneAlertAndOneRecovery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var breakers = new CircuitBreakers(Options.Create(new PipelineOptions { CircuitFailureThreshold = 3 }), _store, _time, NullLogger<CircuitBreakers>.Instance);
        var engine = Engine(new TeamsChannel(TestHttpClients.Factory, receiver.Url("teams")), new AlertsOptions());

        for (var minute = 0; minute < 120; minute++)
        {
            await breakers.ReportAsync("erp", false, new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "down"), CancellationToken.None);
            await engine.RunOnceAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        await breakers.EnterAsync("erp", CancellationToken.None); // half-open probe
        await breakers.ReportAsync("erp", true, null, CancellationToken.None);
        for (var minute = 0; minute < 30; minute++)
        {
            await engine.RunOnceAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var titles = receiver.Received.Select(r => r.Body["attachments"]![0]!["content"]!["body"]![0]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["[ALERT] Circuit to erp opened: deliveries paused", "[RESOLVED] Circuit to erp closed: deliveries resumed"], titles);
    }

    [Fact]
    public async Task RunOnceAsync_ChannelDown_OtherChannelsStillReceive()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var breakers = new CircuitBreakers(Options.Create(new PipelineOptions { CircuitFailureThreshold = 1 }), _store, _time, NullLogger<CircuitBreakers>.Instance);
        await breakers.ReportAsync("erp", false, new ConnectorException("erp", ErrorKind.Transient, "INVALID_TOKEN", "token refresh failed"), CancellationToken.None);
        var engine = new AlertEngine(
            [new CircuitRule(_store, Options.Create(new AlertsOptions()), _time)],
            new AlertGate(Options.Create(new AlertsOptions()), _time),
            [new TeamsChannel(TestHttpClients.Factory, receiver.Url("down")), new WeComChannel(TestHttpClients.Factory, receiver.Url("cgi-bin/webhook/send?key=k"))],
            NullLogger<AlertEngine>.Instance);

        var sent = await engine.RunOnceAsync(CancellationToken.None);

        Assert.Equal(AlertKind.Authentication, Assert.Single(sent).Kind);
        Assert.Contains("Authentication to erp is failing", Assert.Single(receiver.Received).Body["markdown"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private AlertEngine Engine(IAlertChannel channel, AlertsOptions options) => new(
        [new CircuitRule(_store, Options.Create(options), _time), new DeadLetterRule(_store, Options.Create(options), _time)],
        new AlertGate(Options.Create(options), _time),
        [channel],
        NullLogger<AlertEngine>.Instance);
}
