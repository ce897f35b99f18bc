using CrmBridge.Connectors.Webhooks;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Connectors.Dataverse.Tests.Registration;

/// <summary>A loopback webhook endpoint that records every call as the receiver would see it (and answers 202).</summary>
internal sealed class WebhookCapture : IAsyncDisposable
{
    private readonly List<WebhookRequest> _calls = [];
    private LoopbackServer _server = null!;

    public Uri Url => new(_server.BaseAddress, "api/webhooks/dataverse");

    public IReadOnlyList<WebhookRequest> Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToList();
            }
        }
    }

    public static async Task<WebhookCapture> StartAsync()
    {
        var capture = new WebhookCapture();
        capture._server = await LoopbackServer.StartAsync(app => app.MapPost("/api/webhooks/dataverse", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            lock (capture._calls)
            {
                capture._calls.Add(new WebhookRequest(headers, query, buffer.ToArray()));
            }

            context.Response.StatusCode = 202;
        }));
        return capture;
    }

    /// <summary>Waits until at least <paramref name="count"/> calls arrived (or 10 s passed).</summary>
    public async Task<IReadOnlyList<WebhookRequest>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Calls.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Calls;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
