using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

/// <summary>Each signal turning bad and good again, in one process and as another process (status) reads it from the store.</summary>
public sealed partial class ConnectionHealthServiceTests
{
    [Fact]
    public async Task GetAsync_TokenRequestRefusedThenGranted_FailingWithReasonAndOneLineThenHealthy()
    {
        var registry = new ConnectionHealthRegistry(_time);
        var zoho = registry.For("zoho", "Connectors:Zoho");
        var service = Service(registry);
        zoho.TokenFailed("invalid_code", "zoho: the refresh token was revoked, expired or issued by another data centre: set Connectors:Zoho:RefreshToken.");

        var bad = Assert.Single(await service.GetAsync(["zoho"], CancellationToken.None));
        zoho.TokenObtained(_time.GetUtcNow().AddHours(1));
        var good = Assert.Single(await service.GetAsync(["zoho"], CancellationToken.None));

        Assert.Equal(AuthenticationState.Failing, bad.Live!.Authentication);
        Assert.Equal("invalid_code", bad.Live.AuthenticationReason);
        Assert.StartsWith("zoho: the refresh token was revoked", bad.Verdict, StringComparison.Ordinal);
        Assert.Contains("(failing since 2026-11-28 06:00:00Z)", bad.Verdict, StringComparison.Ordinal);
        Assert.True(good.Ok);
        Assert.Equal(AuthenticationState.Obtained, good.Live!.Authentication);
    }

    [Fact]
    public async Task GetAsync_ThrottleStormSeenByAnotherProcess_CountShownThenDecaysAfterAnHour()
    {
        var running = new ConnectionHealthRegistry(_time);
        var dataverse = running.For("dataverse");
        for (var i = 0; i < 25; i++)
        {
            dataverse.Record(429);
        }

        dataverse.RecordQuota("0 requests left in the 5-minute window");
        await new ConnectionHealthPublisher(running, _store, NullLogger<ConnectionHealthPublisher>.Instance).PublishAsync(CancellationToken.None);
        var status = Service(registry: null); // crmbridge status: no connectors, reads the store

        var storm = Assert.Single(await status.GetAsync(["dataverse"], CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(61));
        var calm = Assert.Single(await status.GetAsync(["dataverse"], CancellationToken.None));

        Assert.Equal(25, storm.ThrottledLastHour);
        Assert.Equal(ConnectionProblemKind.Throttled, storm.Problems[0].Kind);
        Assert.Contains("quota left: 0 requests", storm.Verdict, StringComparison.Ordinal);
        Assert.Equal(0, calm.ThrottledLastHour);
        Assert.DoesNotContain(calm.Problems, p => p.Kind == ConnectionProblemKind.Throttled);
    }

    [Fact]
    public async Task GetAsync_PushSilentWhilePollingFindsChanges_SaysPushPathBrokenThenOkOnNotification()
    {
        var registry = new ConnectionHealthRegistry(_time);
        var zoho = registry.For("zoho");
        zoho.PushChannelRenewed("1000000068001 (Accounts)", _time.GetUtcNow().AddDays(1));
        zoho.NotificationReceived();
        var quietSince = _time.GetUtcNow();
        var polls = new PollHealth(_store, _time, NullLogger<PollHealth>.Instance);
        _time.Advance(TimeSpan.FromMinutes(20));
        await polls.SucceededAsync("zoho", "Accounts", 2, CancellationToken.None);
        var early = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(20));
        await polls.SucceededAsync("zoho", "Accounts", 3, CancellationToken.None);

        var silent = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));
        zoho.NotificationReceived();
        var pushing = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));

        Assert.True(early.Ok); // 20 minutes is within PushSilence (30 min)
        Assert.Equal(quietSince, silent.PushSilentSince);
        Assert.Equal(ConnectionProblemKind.PushSilent, silent.Problems[0].Kind);
        Assert.Contains("the push path is broken", silent.Verdict, StringComparison.Ordinal);
        Assert.True(pushing.Ok);
        Assert.Null(pushing.PushSilentSince);
    }

    [Fact]
    public async Task GetAsync_ChannelExpiredThenRenewed_SaysExpiredThenOk()
    {
        var registry = new ConnectionHealthRegistry(_time);
        var bc = registry.For("businesscentral");
        bc.PushChannelRenewed("customers", _time.GetUtcNow().AddDays(3));
        _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        bc.PushChannelFailed("customers", "HTTP_401: the API answered 401");

        var expired = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));
        bc.PushChannelRenewed("customers", _time.GetUtcNow().AddDays(3));
        var renewed = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));

        Assert.StartsWith("businesscentral: push channel customers expired at", expired.Verdict, StringComparison.Ordinal);
        Assert.Contains("renewing failed: HTTP_401", expired.Verdict, StringComparison.Ordinal);
        Assert.True(renewed.Ok);
    }

    [Fact]
    public async Task GetAsync_ChangeTokenNearExpiryThenNewToken_WarnsThenOk()
    {
        var registry = new ConnectionHealthRegistry(_time);
        var dataverse = registry.For("dataverse");
        dataverse.ChangeToken("account", _time.GetUtcNow().AddDays(-6), _time.GetUtcNow().AddDays(1));

        var old = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));
        dataverse.ChangeToken("account", _time.GetUtcNow(), _time.GetUtcNow().AddDays(7));
        var fresh = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));

        Assert.Equal(ConnectionProblemKind.ChangeTokenExpiring, old.Problems[0].Kind);
        Assert.Contains("a poll must succeed before then or a full resync follows", old.Verdict, StringComparison.Ordinal);
        Assert.True(fresh.Ok);
    }

    [Fact]
    public async Task PublishAsync_OlderSnapshotFromAnotherInstance_KeepsNewestNotificationTime()
    {
        var webhookInstance = new ConnectionHealthRegistry(_time);
        webhookInstance.For("zoho").NotificationReceived();
        var pushedAt = _time.GetUtcNow();
        await new ConnectionHealthPublisher(webhookInstance, _store, NullLogger<ConnectionHealthPublisher>.Instance).PublishAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var pollInstance = new ConnectionHealthRegistry(_time);
        pollInstance.For("zoho").Record(200);

        await new ConnectionHealthPublisher(pollInstance, _store, NullLogger<ConnectionHealthPublisher>.Instance).PublishAsync(CancellationToken.None);
        var stored = ConnectionHealthPublisher.FromCheckpoints(await _store.ListCheckpointsAsync(CancellationToken.None));

        Assert.Equal(pushedAt, stored["zoho"].LastNotificationAt);
        Assert.NotNull(stored["zoho"].LastSuccess);
    }

    [Fact]
    public async Task GetAsync_PermissionMissing403ThenGranted_SaysWhichFixInOneLineThenOk()
    {
        var registry = new ConnectionHealthRegistry(_time);
        var bc = registry.For("businesscentral", "Connectors:BusinessCentral");
        bc.Record(403);

        var bad = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));
        bc.Record(200);
        var good = Assert.Single(await Service(registry).GetAsync([], CancellationToken.None));

        Assert.Equal(AuthenticationState.Failing, bad.Live!.Authentication);
        Assert.Equal("HTTP 403", bad.Live.AuthenticationReason);
        Assert.Equal(
            "businesscentral answers 403 (permission missing): give the integration user or app the role or permission set it needs, see Connectors:BusinessCentral in the docs. (failing since 2026-11-28 06:00:00Z)",
            bad.Verdict);
        Assert.True(good.Ok);
    }

    private ConnectionHealthService Service(ConnectionHealthRegistry? registry) =>
        new(_store, [], _time, registry, Options.Create(new PipelineOptions()));
}
