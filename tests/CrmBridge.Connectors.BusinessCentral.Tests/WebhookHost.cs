using System.Collections.Concurrent;
using CrmBridge.Connectors.Webhooks;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>A loopback subscriber that hands every call to a receiver and answers as a host does (status, plain-text body).</summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private WebhookHost(LoopbackServer server) => _server = server;

    public Uri Url => new(_server.BaseAddress, "api/webhooks/system/businesscentral");

    public ConcurrentQueue<WebhookNotification> Notifications { get; } = new();

    public ConcurrentQueue<int> Statuses { get; } = new();

    /// <summary>Gets or sets a status to answer instead of the receiver's (simulating a failing subscriber).</summary>
    public int? ForcedStatus { get; set; }

    public static async Task<WebhookHost> StartAsync(Func<IWebhookReceiver> receiver)
    {
        WebhookHost? host = null;
        var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/webhooks/system/businesscentral", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var request = new WebhookRequest(
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()),
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                buffer.ToArray());
            if (host!.ForcedStatus is { } forced)
            {
                context.Response.StatusCode = forced;
                return;
            }

            var result = receiver().Receive(request);
            host.Statuses.Enqueue(result.StatusCode);
            foreach (var n in result.Notifications)
            {
                host.Notifications.Enqueue(n);
            }

            context.Response.StatusCode = result.StatusCode;
            if (result.ResponseText is { } text)
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync(text);
            }
        }));
        host = new WebhookHost(server);
        return host;
    }

    public async Task<bool> WaitForAsync(Func<WebhookHost, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (condition(this))
            {
                return true;
            }

            await Task.Delay(25);
        }

        return condition(this);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
