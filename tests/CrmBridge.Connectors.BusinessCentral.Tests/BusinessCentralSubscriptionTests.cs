using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>Subscriptions against the emulator: handshake, renewal before expiry, re-subscription, notifications, collection.</summary>
public sealed partial class BusinessCentralSubscriptionTests
{
    private const string ClientState = "bc-client-state-for-tests";

    private static async Task<(Sandbox.BusinessCentral.BusinessCentralSandbox Sandbox, WebhookHost Host, ServiceProvider Services)> StartAsync(
        Action<Sandbox.BusinessCentral.BusinessCentralSandboxOptions>? sandbox = null, TimeProvider? clock = null)
    {
        var emulator = await BusinessCentralTestHost.StartAsync(o =>
        {
            o.NotificationDelay = TimeSpan.FromMilliseconds(100);
            sandbox?.Invoke(o);
        });
        ServiceProvider? provider = null;
        var host = await WebhookHost.StartAsync(() => provider!.GetServices<IWebhookReceiver>().Single(r => r.System == "businesscentral"));
        var services = new ServiceCollection().AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddCrmBridgeBusinessCentralConnector(configure: o =>
        {
            BusinessCentralTestHost.Point(o, emulator);
            o.NotificationUrl = host.Url;
            o.ClientState = ClientState;
        });
        provider = services.BuildServiceProvider();
        return (emulator, host, provider);
    }

    [Fact]
    public async Task EnsureAsync_NoSubscriptions_CreatesOnePerSubscribableEntityAfterTheHandshake()
    {
        var (sandbox, host, services) = await StartAsync();
        await using var _ = sandbox;
        await using var __ = host;
        await using var ___ = services;
        var manager = services.GetRequiredService<BusinessCentralSubscriptionManager>();

        var first = await manager.EnsureAsync(CancellationToken.None);
        var second = await manager.EnsureAsync(CancellationToken.None);

        Assert.Equal(new BusinessCentralSubscriptionReport(3, 0, 0), first);
        Assert.Equal(new BusinessCentralSubscriptionReport(0, 0, 3), second);
        Assert.Equal(3, sandbox.Handshakes);
        Assert.Equal(
            ["customers", "salesInvoices", "salesOrders"],
            sandbox.Subscriptions().Select(s => s["resource"]!.GetValue<string>().Split('/')[^1]).Order());
        Assert.All(sandbox.Subscriptions(), s => Assert.Equal(host.Url.ToString(), s["notificationUrl"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EnsureAsync_WithinOneDayOfExpiry_RenewsWithAnotherHandshake()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (sandbox, host, services) = await StartAsync(clock: clock);
        await using var _ = sandbox;
        await using var __ = host;
        await using var ___ = services;
        var manager = services.GetRequiredService<BusinessCentralSubscriptionManager>();
        await manager.EnsureAsync(CancellationToken.None);
        var expiries = sandbox.Subscriptions().Select(s => s["expirationDateTime"]!.GetValue<string>()).ToList();

        clock.Advance(TimeSpan.FromDays(1.5));
        var early = await manager.EnsureAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(0.6));
        var renewed = await manager.EnsureAsync(CancellationToken.None);

        Assert.Equal(new BusinessCentralSubscriptionReport(0, 0, 3), early);
        Assert.Equal(new BusinessCentralSubscriptionReport(0, 3, 0), renewed);
        Assert.Equal(6, sandbox.Handshakes);
        Assert.All(sandbox.Subscriptions(), s => Assert.DoesNotContain(s["expirationDateTime"]!.GetValue<string>(), expiries));
    }

    [Fact]
    public async Task EnsureAsync_AfterExpiryOrDeletion_SubscribesAgain()
    {
        var (sandbox, host, services) = await StartAsync();
        await using var _ = sandbox;
        await using var __ = host;
        await using var ___ = services;
        var manager = services.GetRequiredService<BusinessCentralSubscriptionManager>();
        await manager.EnsureAsync(CancellationToken.None);

        sandbox.ExpireSubscriptions("customers");
        sandbox.DeleteSubscription(sandbox.Subscriptions().First(s => s["resource"]!.GetValue<string>().EndsWith("/salesOrders", StringComparison.Ordinal))["subscriptionId"]!.GetValue<string>());
        var report = await manager.EnsureAsync(CancellationToken.None);

        Assert.Equal(new BusinessCentralSubscriptionReport(2, 0, 1), report);
        Assert.Equal(3, sandbox.Subscriptions().Count);
    }

    [Fact]
    public async Task EnsureAsync_SubscriberFailsTheHandshake_IsPermanentAndCreatesNothing()
    {
        var (sandbox, host, services) = await StartAsync();
        await using var _ = sandbox;
        await using var __ = host;
        await using var ___ = services;
        host.ForcedStatus = 404;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => services.GetRequiredService<BusinessCentralSubscriptionManager>().EnsureAsync(CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Empty(sandbox.Subscriptions());
    }

    [Fact]
    public async Task Notification_CustomerChangedInBusinessCentral_ReachesTheReceiverAfterTheDelay()
    {
        var (sandbox, host, services) = await StartAsync();
        await using var _ = sandbox;
        await using var __ = host;
        await using var ___ = services;
        await services.GetRequiredService<BusinessCentralSubscriptionManager>().EnsureAsync(CancellationToken.None);

        var id = sandbox.Create("customers", new JsonObject { ["displayName"] = "Hooked" });
        sandbox.Update("customers", id, new JsonObject { ["displayName"] = "Hooked again" });

        Assert.True(await host.WaitForAsync(h => !h.Notifications.IsEmpty, TimeSpan.FromSeconds(10)));
        var change = Assert.Single(Assert.Single(host.Notifications).Changes);
        Assert.Equal((id.ToString(), ChangeOperation.Upsert), (change.Id, change.Operation));
        Assert.Equal(sandbox.Get("customers", id)!["lastModifiedDateTime"]!.GetValue<string>(), change.Version);
    }

    [Fact]
    public async Task Notification_ManyChanges_ComeAsOneCollectionFollowedByAQuery()
    {
        var (sandbox, host, services) = await StartAsync(o => o.CollectionThreshold = 3);
        await using var _ = sandbox;
        await using var __ = host;
        await using var ___ = services;
        await services.GetRequiredService<BusinessCentralSubscriptionManager>().EnsureAsync(CancellationToken.None);
        var collections = services.GetRequiredService<BusinessCentralCollections>();

        var ids = Enumerable.Range(0, 5).Select(i => sandbox.Create("customers", new JsonObject { ["displayName"] = $"Bulk {i}" }).ToString()).ToList();
        Assert.True(await host.WaitForAsync(_ => collections.Count > 0, TimeSpan.FromSeconds(10)));
        var followed = await services.GetRequiredService<BusinessCentralCollectionFollower>().FollowAsync(CancellationToken.None);

        Assert.Empty(host.Notifications);
        var notification = Assert.Single(followed);
        Assert.Equal("customers", notification.Entity);
        Assert.Equal(ids.Order(), notification.Changes.Select(c => c.Id).Order());
        Assert.All(notification.Changes, c => Assert.NotNull(c.Snapshot));
    }

    [Fact]
    public async Task WebhookMaintenance_AsTheHostRunsIt_SubscribesAndFollowsUpCollections()
    {
        var (sandbox, host, services) = await StartAsync(o => o.CollectionThreshold = 2);
        await using var _ = sandbox;
        await using var __ = host;
        await using var ___ = services;
        var maintenance = Assert.Single(services.GetServices<IWebhookMaintenance>());

        await maintenance.MaintainSubscriptionsAsync(CancellationToken.None);
        var ids = Enumerable.Range(0, 3).Select(i => sandbox.Create("customers", new JsonObject { ["displayName"] = $"Host {i}" }).ToString()).ToList();
        Assert.True(await host.WaitForAsync(_ => services.GetRequiredService<BusinessCentralCollections>().Count > 0, TimeSpan.FromSeconds(10)));
        var followed = await maintenance.FollowUpAsync(CancellationToken.None);
        var again = await maintenance.FollowUpAsync(CancellationToken.None);

        Assert.Equal("businesscentral", maintenance.System);
        Assert.Equal(3, sandbox.Subscriptions().Count);
        Assert.Equal(ids.Order(), Assert.Single(followed).Changes.Select(c => c.Id).Order());
        Assert.Empty(again);
    }
}
