using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

public sealed partial class ZohoNotificationSubscriberTests : IAsyncLifetime
{
    private const string Token = "notify-token-" + "4f1c2a9e7b3d";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentQueue<WebhookResult> _received = new();
    private LoopbackServer? _listener;
    private ZohoTestEnvironment? _env;

    private ZohoTestEnvironment Env => _env!;

    public async Task InitializeAsync()
    {
        _listener = await LoopbackServer.StartAsync(app => app.MapPost("/zoho/notify", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var result = Env.Receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string>(), buffer.ToArray()));
            _received.Enqueue(result);
            context.Response.StatusCode = result.StatusCode;
        }));
        _env = await ZohoTestEnvironment.StartAsync(
            sandbox: o => o.TimeProvider = _clock,
            connector: o =>
            {
                o.NotifyUrl = new Uri(_listener.BaseAddress, "zoho/notify");
                o.NotificationToken = Token;
                o.RenewCheckInterval = TimeSpan.FromMinutes(1);
            },
            connectorTime: _clock);
    }

    public async Task DisposeAsync()
    {
        if (_env is not null)
        {
            await _env.DisposeAsync();
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }
    }

    [Fact]
    public async Task SubscribeAsync_DefaultEntities_CreatesOneChannelPerModuleWithTokenAndExpiry()
    {
        var channels = await Env.Subscriber.SubscribeAsync(CancellationToken.None);

        Assert.Equal(["Accounts", "Sales_Orders", "Cases"], channels.Select(c => c.Module));
        var zohoSide = Env.Sandbox.Channels.OrderBy(c => c.ChannelId).ToList();
        Assert.Equal(3, zohoSide.Count);
        Assert.All(zohoSide, c => Assert.Equal(Token, c.Token));
        Assert.Equal(["Accounts.all"], zohoSide[0].Events);
        Assert.All(channels, c => Assert.Equal(_clock.GetUtcNow().AddDays(1).ToUnixTimeSeconds(), c.Expiry.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task ListAsync_AfterSubscribe_ReportsWhatZohoHasSubscribed()
    {
        Assert.Empty(await Env.Subscriber.ListAsync(CancellationToken.None));
        await Env.Subscriber.SubscribeAsync(CancellationToken.None);

        var listed = await Env.Subscriber.ListAsync(CancellationToken.None);

        Assert.Equal(["Accounts.all", "Sales_Orders.all", "Cases.all"], listed.Select(c => Assert.Single(c.Events)));
        Assert.All(listed, c => Assert.Equal(_clock.GetUtcNow().AddDays(1).ToUnixTimeSeconds(), c.Expiry!.Value.ToUnixTimeSeconds()));
        Assert.All(listed, c => Assert.Equal(new Uri(_listener!.BaseAddress, "zoho/notify").ToString(), c.NotifyUrl));
    }

    [Fact]
    public async Task RenewDueAsync_OnlyWithinRenewBefore_ExtendsTheChannels()
    {
        await Env.Subscriber.SubscribeAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(21));
        Assert.Equal(0, await Env.Subscriber.RenewDueAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(2));
        var renewed = await Env.Subscriber.RenewDueAsync(CancellationToken.None);

        Assert.Equal(3, renewed);
        var expected = _clock.GetUtcNow().AddDays(1).ToUnixTimeSeconds();
        Assert.All(Env.Subscriber.Channels, c => Assert.Equal(expected, c.Expiry.ToUnixTimeSeconds()));
        Assert.All(Env.Sandbox.Channels, c => Assert.Equal(expected, c.Expiry.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task RunAsync_ClockPassesTheRenewalPoint_RenewsInTheBackground()
    {
        using var stop = new CancellationTokenSource();
        var run = Env.Subscriber.RunAsync(stop.Token);
        await WaitUntilAsync(() => Env.Sandbox.Channels.Count == 3);
        var firstExpiry = Env.Sandbox.Channels[0].Expiry;

        _clock.Advance(TimeSpan.FromHours(23));

        // The loop may not be waiting on the fake timer yet: keep nudging the clock by one check interval.
        await WaitUntilAsync(() =>
        {
            var renewed = Env.Sandbox.Channels.All(c => c.Expiry > firstExpiry);
            if (!renewed)
            {
                _clock.Advance(TimeSpan.FromMinutes(1));
            }

            return renewed;
        }, pause: TimeSpan.FromMilliseconds(50));

        await stop.CancelAsync();
        await run;
        Assert.All(Env.Sandbox.Channels, c => Assert.True(c.Expiry > firstExpiry.AddHours(20)));
    }

    [Fact]
    public async Task Callback_UserCreatesAnOrder_ReachesTheReceiverAsOneChange()
    {
        await Env.Subscriber.SubscribeAsync(CancellationToken.None);

        var id = Env.Sandbox.CreateRecord("Sales_Orders", new JsonObject { ["Subject"] = "From a user", ["Status"] = "Confirmed" });

        await WaitUntilAsync(() => _received.Any(r => r.Notifications.Any(n => n.Changes.Any(c => c.Id == id))));
        var result = _received.Single(r => r.Notifications.Any(n => n.Changes.Any(c => c.Id == id)));
        Assert.Equal(202, result.StatusCode);
        Assert.Equal("Sales_Orders", Assert.Single(result.Notifications).Entity);
    }

    [Fact]
    public async Task Callback_CausedByTheBridgesOwnWrite_IsIgnored()
    {
        await Env.Subscriber.SubscribeAsync(CancellationToken.None);
        var id = Env.Sandbox.CreateRecord("Cases", new JsonObject { ["Subject"] = "Scratched", ["Status"] = "New" });
        await WaitUntilAsync(() => Env.Sandbox.CallbacksDelivered >= 1);

        await Env.Connector.UpsertAsync(new UpsertRequest("Cases", "id", id, new JsonObject { ["Status"] = "Closed", ["Resolution"] = "Refunded" }), CancellationToken.None);

        await WaitUntilAsync(() => Env.Sandbox.CallbacksDelivered >= 2 && _received.Count >= 2);
        Assert.True(_received.Any(r => r.StatusCode == 202 && r.Notifications.Count == 0 && r.IgnoredReason is not null), string.Join(" | ", _received.Select(r => $"{r.StatusCode} {r.Error} {r.IgnoredReason} {string.Join(",", r.Notifications.SelectMany(n => n.Changes).Select(c => c.Id))}")));
    }

    [Fact]
    public async Task Callback_ChannelExpired_IsNotQueued()
    {
        await Env.Subscriber.SubscribeAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var queued = Env.Sandbox.CallbacksQueued;

        Env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Too late" });

        Assert.Equal(queued, Env.Sandbox.CallbacksQueued);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? pause = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "condition not reached in time");
            await Task.Delay(pause ?? TimeSpan.FromMilliseconds(10));
        }
    }
}
