using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>A loopback HTTP listener that records webhook calls; it can fail the first N calls with 500.</summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<(JsonObject Body, string? Key)> _received = new();
    private LoopbackServer? _server;
    private int _failuresLeft;
    private TaskCompletionSource? _gate;

    public Uri Url => new(_server!.BaseAddress, "hook");

    public IReadOnlyList<(JsonObject Body, string? Key)> Received => _received.ToList();

    /// <summary>Starts a listener.</summary>
    /// <param name="failFirst">How many calls to answer with 500 first.</param>
    /// <param name="gate">When given, every call waits for it before being answered (a stuck listener).</param>
    public static async Task<WebhookListener> StartAsync(int failFirst = 0, TaskCompletionSource? gate = null)
    {
        var listener = new WebhookListener { _failuresLeft = failFirst, _gate = gate };
        listener._server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", listener.HandleAsync));
        return listener;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> calls were accepted.</summary>
    public async Task<IReadOnlyList<(JsonObject Body, string? Key)>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_received.Count < count && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_gate is not null)
        {
            await _gate.Task.WaitAsync(context.RequestAborted);
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            context.Response.StatusCode = 500;
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        _received.Enqueue((body, context.Request.Headers["X-Erp-Webhook-Key"].ToString()));
        context.Response.StatusCode = 202;
    }
}
