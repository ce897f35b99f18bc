using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Hosting;

/// <summary>
/// A loopback server that answers with canned replies (the vendors' documented example bodies), so a connector can be
/// tested on exactly the shapes the documentation shows, over real HTTP, without an emulator's logic in between.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly Func<ScriptedRequest, ScriptedReply> _respond;
    private readonly ConcurrentQueue<ScriptedRequest> _requests = new();
    private LoopbackServer? _server;

    private ScriptedServer(Func<ScriptedRequest, ScriptedReply> respond) => _respond = respond;

    /// <summary>Gets the base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>Gets the requests received, in arrival order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests => [.. _requests];

    /// <summary>Starts a server that answers every request with <paramref name="respond"/>.</summary>
    /// <param name="respond">Chooses the reply for a request.</param>
    /// <returns>The started server.</returns>
    public static async Task<ScriptedServer> StartAsync(Func<ScriptedRequest, ScriptedReply> respond)
    {
        var scripted = new ScriptedServer(respond);
        scripted._server = await LoopbackServer.StartAsync(app => app.Run(scripted.ServeAsync)).ConfigureAwait(false);
        return scripted;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task ServeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var request = new ScriptedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        _requests.Enqueue(request);
        var reply = _respond(request);
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = reply.ContentType;
        if (reply.Body.Length > 0)
        {
            await context.Response.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
