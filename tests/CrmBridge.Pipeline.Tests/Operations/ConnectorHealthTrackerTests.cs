using CrmBridge.Connectors;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class ConnectorHealthTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Snapshot_429StormThenAnHourQuiet_CountsThenForgets()
    {
        var tracker = new ConnectorHealthTracker(_time, "https://www.zohoapis.com");
        for (var i = 0; i < 30; i++)
        {
            tracker.Record(429);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var storm = tracker.Snapshot();
        _time.Advance(TimeSpan.FromHours(1));
        var quiet = tracker.Snapshot();

        Assert.Equal(30, storm.ThrottledLastHour);
        Assert.Equal("HTTP_429", storm.LastErrorCode);
        Assert.Equal(0, quiet.ThrottledLastHour);
    }

    [Fact]
    public void Snapshot_NotFoundAnswer_CountsAsAnswerNotFailure()
    {
        var tracker = new ConnectorHealthTracker(_time, null);

        tracker.Record(404);

        Assert.Null(tracker.Snapshot().LastFailure);
        Assert.NotNull(tracker.Snapshot().LastSuccess);
    }

    [Fact]
    public void Snapshot_TokenRevokedThenRenewed_FailingSinceFirst401ThenCleared()
    {
        var tracker = new ConnectorHealthTracker(_time, null);
        tracker.Record(200);
        var revokedAt = _time.GetUtcNow();
        tracker.Record(401);
        _time.Advance(TimeSpan.FromMinutes(5));
        tracker.Record(401);

        var bad = tracker.Snapshot();
        tracker.Record(200);
        var good = tracker.Snapshot();

        Assert.Equal(revokedAt, bad.AuthenticationFailingSince);
        Assert.Null(good.AuthenticationFailingSince);
        Assert.Equal(_time.GetUtcNow(), good.LastSuccess);
        Assert.Equal(_time.GetUtcNow(), good.LastFailure);
    }

    [Fact]
    public async Task HealthTrackingHandler_Answers_FeedTheTracker()
    {
        var tracker = new ConnectorHealthTracker(_time, null);
        using var handler = new HealthTrackingHandler(tracker) { InnerHandler = new StatusHandler(System.Net.HttpStatusCode.TooManyRequests) };
        using var client = new HttpClient(handler);

        using var response = await client.GetAsync(new Uri("http://127.0.0.1/never-sent"));

        Assert.Equal(1, tracker.Snapshot().ThrottledLastHour);
    }

    private sealed class StatusHandler(System.Net.HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status));
    }
}
