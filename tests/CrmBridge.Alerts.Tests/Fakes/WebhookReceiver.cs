using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Alerts.Tests.Fakes;

/// <summary>
/// A local chat-webhook receiver over loopback HTTP that answers as each service documents: Teams Workflows 202,
/// WeCom and DingTalk <c>{"errcode":0,"errmsg":"ok"}</c> (DingTalk 310000 "sign not match" on a bad signature),
/// Feishu <c>{"code":0,"msg":"success"}</c> (19021 "sign match fail" on a bad signature).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private WebhookReceiver(LoopbackServer server, ConcurrentQueue<Received> received)
    {
        _server = server;
        Received = received;
    }

    public ConcurrentQueue<Received> Received { get; }

    public Uri Url(string path) => new(_server.BaseAddress, path);

    public static async Task<WebhookReceiver> StartAsync(string? dingTalkSecret = null, string? feishuSecret = null)
    {
        var received = new ConcurrentQueue<Received>();
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/teams", async (HttpContext c) => { received.Enqueue(await ReadAsync(c)); return Results.Accepted(); });
            app.MapPost("/cgi-bin/webhook/send", async (HttpContext c) =>
            {
                received.Enqueue(await ReadAsync(c));
                return Results.Json(new { errcode = 0, errmsg = "ok" });
            });
            app.MapPost("/robot/send", async (HttpContext c) =>
            {
                var r = await ReadAsync(c);
                received.Enqueue(r);
                var ok = dingTalkSecret is null || DingTalkSignMatches(c.Request.Query, dingTalkSecret);
                return Results.Json(ok ? new { errcode = 0, errmsg = "ok" } : new { errcode = 310000, errmsg = "sign not match" });
            });
            app.MapPost("/open-apis/bot/v2/hook/{token}", async (HttpContext c) =>
            {
                var r = await ReadAsync(c);
                received.Enqueue(r);
                var ok = feishuSecret is null || FeishuSignMatches(r.Body, feishuSecret);
                return Results.Json(ok ? new { code = 0, msg = "success", data = new { } } : new { code = 19021, msg = "sign match fail or timestamp is not within one hour from current time", data = new { } });
            });
            app.MapPost("/broken", () => Results.Json(new { errcode = 93000, errmsg = "invalid webhook url" }));
            app.MapPost("/down", () => Results.StatusCode(503));
        }).ConfigureAwait(false);
        return new WebhookReceiver(server, received);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static async Task<Received> ReadAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false);
        return new Received(context.Request.Path + context.Request.QueryString, context.Request.ContentType ?? "", (JsonObject)body!);
    }

    private static bool DingTalkSignMatches(IQueryCollection query, string secret) =>
        query["timestamp"].ToString() is { Length: > 0 } ts
        && query["sign"].ToString() == Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(ts + "\n" + secret)));

    private static bool FeishuSignMatches(JsonObject body, string secret) =>
        body["timestamp"]?.GetValue<string>() is { } ts
        && body["sign"]?.GetValue<string>() == Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(ts + "\n" + secret), Array.Empty<byte>()));
}
