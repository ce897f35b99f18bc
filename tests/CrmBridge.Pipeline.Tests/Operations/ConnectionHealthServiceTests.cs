using CrmBridge.Connectors;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed partial class ConnectionHealthServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
    private readonly InMemorySyncStateStore _store = new();

    [Fact]
    public async Task GetAsync_CircuitOpensThenCloses_VerdictSaysWhatToDoThenOk()
    {
        var breakers = new CircuitBreakers(Options.Create(new PipelineOptions { CircuitFailureThreshold = 1 }), _store, _time, NullLogger<CircuitBreakers>.Instance);
        var service = new ConnectionHealthService(_store, [], _time);
        await breakers.ReportAsync("erp", false, new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "down"), CancellationToken.None);

        var bad = Assert.Single(await service.GetAsync(["erp"], CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(5));
        await breakers.EnterAsync("erp", CancellationToken.None);
        await breakers.ReportAsync("erp", true, null, CancellationToken.None);
        var good = Assert.Single(await service.GetAsync(["erp"], CancellationToken.None));

        Assert.False(bad.Ok);
        Assert.Equal("Open", bad.Circuit);
        Assert.Contains("HTTP_503", bad.Verdict, StringComparison.Ordinal);
        Assert.True(good.Ok);
        Assert.Equal("OK", good.Verdict);
    }

    [Fact]
    public async Task GetAsync_LiveConnectorTokenRevokedThenRenewed_SaysRenewCredentialsThenOk()
    {
        var tracker = new ConnectorHealthTracker(_time, "https://accounts.zoho.eu", "zoho");
        var connector = new Mock<IConnector>();
        connector.SetupGet(c => c.System).Returns("zoho");
        connector.As<IConnectorHealth>().Setup(c => c.GetHealth()).Returns(tracker.Snapshot);
        var service = new ConnectionHealthService(_store, [connector.Object], _time);
        tracker.Record(401);

        var bad = Assert.Single(await service.GetAsync([], CancellationToken.None));
        tracker.Record(200);
        var good = Assert.Single(await service.GetAsync([], CancellationToken.None));

        Assert.StartsWith("zoho answers 401 to our token", bad.Verdict, StringComparison.Ordinal);
        Assert.Equal(ConnectionProblemKind.Authentication, bad.Problems[0].Kind);
        Assert.Equal("https://accounts.zoho.eu", bad.Live!.BaseUrl);
        Assert.True(good.Ok);
    }

    [Fact]
    public async Task GetAsync_429Storm_SaysPollLessOften()
    {
        var tracker = new ConnectorHealthTracker(_time, null);
        var connector = new Mock<IConnector>();
        connector.SetupGet(c => c.System).Returns("fxiaoke");
        connector.As<IConnectorHealth>().Setup(c => c.GetHealth()).Returns(tracker.Snapshot);
        for (var i = 0; i < ConnectionHealthService.ThrottleStorm; i++)
        {
            tracker.Record(429);
        }

        var health = Assert.Single(await new ConnectionHealthService(_store, [connector.Object], _time).GetAsync([], CancellationToken.None));

        Assert.Contains("throttled 20 calls in the last hour", health.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_CheckpointNotAdvancedForTwoDays_SaysChangeDetectionStale()
    {
        await _store.SaveCheckpointAsync("zoho", "Accounts", "w1", null, CancellationToken.None); // saved at the Unix epoch

        var health = Assert.Single(await new ConnectionHealthService(_store, [], _time).GetAsync(["zoho"], CancellationToken.None));

        Assert.False(health.Ok);
        Assert.Contains("zoho/Accounts: change detection has not advanced", health.Verdict, StringComparison.Ordinal);
        Assert.Equal("Accounts", Assert.Single(health.Checkpoints).Entity);
    }
}
