using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>Subscription expiry and renewal as connection health shows them.</summary>
public sealed partial class BusinessCentralSubscriptionTests
{
    [Fact]
    public async Task Health_SubscriptionsExpireThenRenewed_ShowExpiryThenFreshOnes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (sandbox, host, services) = await StartAsync(o => o.TimeProvider = clock, clock);
        await using var _ = sandbox;
        await using var __ = host;
        await using var ___ = services;
        var manager = services.GetRequiredService<BusinessCentralSubscriptionManager>();
        ConnectorHealth Health() => services.GetRequiredService<ConnectionHealthRegistry>().For("businesscentral").Snapshot();

        await manager.EnsureAsync(CancellationToken.None);
        var created = Health().PushChannels;
        clock.Advance(TimeSpan.FromDays(3.1)); // no renewal ran: Business Central stops notifying
        var expired = Health().PushChannels;
        await manager.EnsureAsync(CancellationToken.None);
        var renewed = Health().PushChannels;

        Assert.Equal(["customers", "salesInvoices", "salesOrders"], created.Select(c => c.Name));
        Assert.All(created, c => Assert.True(c.ExpiresAt > c.RenewedAt!.Value.AddDays(2.9)));
        Assert.All(expired, c => Assert.True(c.ExpiresAt < clock.GetUtcNow()));
        Assert.All(renewed, c => Assert.Equal(clock.GetUtcNow(), c.RenewedAt));
        Assert.All(renewed, c => Assert.True(c.ExpiresAt > clock.GetUtcNow().AddDays(2)));
        Assert.All(renewed, c => Assert.Null(c.Error));
    }
}
