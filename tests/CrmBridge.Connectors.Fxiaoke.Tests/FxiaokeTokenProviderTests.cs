using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>Token behaviour over real HTTP against the sandbox: caching, early renewal, serialisation, 20016 renewal.</summary>
public sealed class FxiaokeTokenProviderTests
{
    [Fact]
    public async Task GetAsync_ManyConcurrentCallers_SendsOneTokenRequest()
    {
        await using var host = await FxiaokeTestHost.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None)));

        Assert.Equal(1, host.Sandbox.TokenRequests);
        Assert.Equal(1, host.Connector.TokenRequests);
    }

    [Fact]
    public async Task GetAsync_TokenNearExpiry_RenewsBeforeItExpires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await FxiaokeTestHost.StartAsync(s => s.TimeProvider = clock, connectorTime: clock);
        await host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(6500)); // 7200 s token, 600 s margin: still cached
        await host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None);
        Assert.Equal(1, host.Sandbox.TokenRequests);

        clock.Advance(TimeSpan.FromSeconds(200)); // 6700 s: inside the renewal window, before expiry
        await host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None);
        Assert.Equal(2, host.Sandbox.TokenRequests);
    }

    [Fact]
    public async Task CallAsync_TokenRejectedWith20016_RenewsOnceAndSucceeds()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var id = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Renewal Co" });
        await host.Connector.GetAsync("AccountObj", id, CancellationToken.None);

        host.Sandbox.ExpireTokens();
        var read = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.Connector.GetAsync("AccountObj", id, CancellationToken.None)));

        Assert.All(read, r => Assert.Equal("Renewal Co", r?.Data["name"]?.GetValue<string>()));
        Assert.Equal(2, host.Sandbox.TokenRequests); // five concurrent rejections, one renewal
    }

    [Fact]
    public async Task CallAsync_TokenRejectedAfterRenewal_ThrowsTransient20016()
    {
        // A zero lifetime makes every issued token already expired: the renewal is rejected too.
        await using var host = await FxiaokeTestHost.StartAsync(s => s.TokenLifetime = TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("20016", error.ErrorCode);
        Assert.Equal(2, host.Sandbox.TokenRequests);
    }

    [Fact]
    public async Task GetAsync_WrongPermanentCode_ThrowsPermanent20015()
    {
        await using var host = await FxiaokeTestHost.StartAsync(connector: o => o.PermanentCode = "wrong");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.GetAsync("AccountObj", "x", CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("20015", error.ErrorCode);
    }
}
