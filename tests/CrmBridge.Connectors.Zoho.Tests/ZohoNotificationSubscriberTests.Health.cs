using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>Channel expiry and renewal as connection health shows them.</summary>
public sealed partial class ZohoNotificationSubscriberTests
{
    [Fact]
    public async Task Health_ChannelExpiredAndRenewalRefusedThenRenewed_ShowsExpiryErrorThenFreshChannels()
    {
        await Env.Subscriber.SubscribeAsync(CancellationToken.None);
        var subscribed = Env.Health.PushChannels;
        _clock.Advance(TimeSpan.FromHours(25)); // past the 1-day channel lifetime: Zoho stops sending
        Env.Sandbox.RevokeRefreshToken();

        await Assert.ThrowsAsync<ConnectorException>(() => Env.Subscriber.RenewDueAsync(CancellationToken.None));
        var expired = Env.Health.PushChannels;
        Env.Sandbox.ReauthorizeRefreshToken();
        await Env.Subscriber.RenewDueAsync(CancellationToken.None);
        var renewed = Env.Health.PushChannels;

        Assert.Equal(["1000000068001 (Accounts)", "1000000068002 (Sales_Orders)", "1000000068003 (Cases)"], subscribed.Select(c => c.Name));
        Assert.All(expired, c => Assert.True(c.ExpiresAt < _clock.GetUtcNow()));
        Assert.All(expired, c => Assert.StartsWith("invalid_code:", c.Error, StringComparison.Ordinal));
        Assert.All(renewed, c => Assert.Null(c.Error));
        Assert.All(renewed, c => Assert.Equal(_clock.GetUtcNow(), c.RenewedAt));
        Assert.All(renewed, c => Assert.True(c.ExpiresAt > _clock.GetUtcNow().AddHours(23)));
        Assert.All(Env.Sandbox.Channels, c => Assert.True(c.Expiry > _clock.GetUtcNow()));
    }
}
