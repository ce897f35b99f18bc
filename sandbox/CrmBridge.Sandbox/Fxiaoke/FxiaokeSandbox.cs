using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>
/// An emulator of the Fxiaoke OpenAPI v2 on loopback: the corpAccessToken endpoint with expiry, the CRM data endpoints
/// (query with filters, orders, limit/offset and the 10000-offset limit; get, create, update, invalid, delete; detail objects;
/// custom objects under <c>/cgi/crm/custom/v2/data/*</c>), the HTTP-200 errorCode envelope for every outcome, the per-API rate
/// limit, the daily quota, and fault injection (<see cref="Faults"/>). In-process seeding and inspection methods
/// (<see cref="CreateRecord"/>, ...) are not counted as API calls but change records exactly as API writes do.
/// </summary>
public sealed partial class FxiaokeSandbox : IAsyncDisposable
{
    private readonly FxiaokeSandboxOptions _options;
    private readonly FxiaokeStore _store;
    private readonly FxiaokeSandboxLimits _limits;
    private readonly object _tokenGate = new();
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private LoopbackServer? _server;
    private (string Token, DateTimeOffset IssuedAt)? _current;
    private int _tokenRequests;

    private FxiaokeSandbox(FxiaokeSandboxOptions options)
    {
        _options = options;
        _store = new FxiaokeStore(options);
        _limits = new FxiaokeSandboxLimits(options);
    }

    /// <summary>Gets the base address (<c>http://127.0.0.1:port/</c>); the connector's BaseUrl.</summary>
    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>Gets how many HTTP requests the emulator served (API calls, including failed ones and token calls).</summary>
    public long RequestCount => _server!.RequestCount;

    /// <summary>Gets the fault injector: Throttle = errorCode 14001, ServerError = errorCode -1 or HTTP 503, DropConnection, Latency.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Gets the options the emulator runs with (credentials to give the connector).</summary>
    public FxiaokeSandboxOptions Options => _options;

    /// <summary>Gets how many token requests were received.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Starts the emulator on a free loopback port.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<FxiaokeSandbox> StartAsync(FxiaokeSandboxOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sandbox = new FxiaokeSandbox(options);
        sandbox._server = await LoopbackServer.StartAsync(sandbox.Map, port: options.Port).ConfigureAwait(false);
        return sandbox;
    }

    /// <summary>Invalidates every issued token, as if they had expired: the next data call gets errorCode 20016.</summary>
    public void ExpireTokens()
    {
        lock (_tokenGate)
        {
            _tokens.Clear();
            _current = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static JsonObject Error(int code, string message) => new() { ["errorCode"] = code, ["errorMessage"] = message };

    private static async Task WriteAsync(HttpContext context, JsonObject body)
    {
        body["errorMessage"] ??= "OK";
        body["errorDescription"] ??= (int?)body["errorCode"] == 0 ? "success" : body["errorMessage"]!.GetValue<string>();
        body["traceId"] = "E-O.sandbox-" + Guid.NewGuid().ToString("N")[..16];
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/cgi/corpAccessToken/get/V2", context => HandleAsync(context, null, TokenAsync));
        app.MapPost("/cgi/crm/v2/data/{op}", context => HandleAsync(context, false, DataAsync));
        app.MapPost("/cgi/crm/custom/v2/data/{op}", context => HandleAsync(context, true, DataAsync));
        app.MapFallback(context => WriteAsync(context, Error(10006, $"the request uri=[{context.Request.Path}], apiName=[null] is not exists")));
    }

    private async Task HandleAsync(HttpContext context, bool? custom, Func<HttpContext, JsonObject, bool?, Task<JsonObject>> handler)
    {
        // The Date header follows the sandbox clock, as the platform's follows its own (change polls tell open windows by it).
        context.Response.Headers.Date = _options.TimeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        if (Faults.Next() is { } fault)
        {
            switch (fault.Kind)
            {
                case SandboxFaultKind.Latency:
                    await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                    break;
                case SandboxFaultKind.DropConnection:
                    context.Abort();
                    return;
                case SandboxFaultKind.Throttle:
                    // The OpenAPI reports its rate limit only in the envelope: HTTP 200, errorCode 14001, no Retry-After.
                    await WriteAsync(context, Error(14001, "接口调用超过限制")).ConfigureAwait(false);
                    return;
                case SandboxFaultKind.ServerError when _options.ServerErrorShape == FxiaokeServerErrorShape.GatewayHttp503:
                    context.Response.StatusCode = 503;
                    await context.Response.WriteAsync("<html><body>503 Service Temporarily Unavailable</body></html>").ConfigureAwait(false);
                    return;
                case SandboxFaultKind.ServerError:
                    await WriteAsync(context, Error(-1, "系统繁忙")).ConfigureAwait(false);
                    return;
            }
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            await WriteAsync(context, Error(12004, "POST的数据包为空")).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, await handler(context, body, custom).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private Task<JsonObject> TokenAsync(HttpContext context, JsonObject body, bool? custom)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (!_limits.TakeTokenCall())
        {
            return Task.FromResult(Error(14001, "接口调用超过限制 (corpAccessToken: 10 per minute)"));
        }

        if ((string?)body["appId"] != _options.AppId || (string?)body["appSecret"] != _options.AppSecret)
        {
            return Task.FromResult(Error(20006, "appId或appSecret错误"));
        }

        if ((string?)body["permanentCode"] != _options.PermanentCode)
        {
            return Task.FromResult(Error(20015, "永久授权码错误"));
        }

        lock (_tokenGate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            var reuseFor = _options.TokenLifetime - TimeSpan.FromSeconds(600);

            // The platform hands out the same token for its first 6600 s, then a new one.
            if (_current is not { } current || now - current.IssuedAt >= reuseFor)
            {
                current = ("sbx" + Guid.NewGuid().ToString("N"), now);
                _current = current;
                _tokens[current.Token] = now + _options.TokenLifetime;
            }

            var expiresIn = (long)(_tokens[current.Token] - now).TotalSeconds;
            return Task.FromResult(new JsonObject
            {
                ["errorCode"] = 0,
                ["corpAccessToken"] = current.Token,
                ["corpId"] = _options.CorpId,
                ["expiresIn"] = expiresIn,
            });
        }
    }

    private int Authenticate(JsonObject body)
    {
        var token = (string?)body["corpAccessToken"];
        if (string.IsNullOrEmpty(token))
        {
            return 10013;
        }

        lock (_tokenGate)
        {
            if (!_tokens.TryGetValue(token, out var expires) || _options.TimeProvider.GetUtcNow() >= expires)
            {
                return 20016;
            }
        }

        if ((string?)body["corpId"] != _options.CorpId)
        {
            return 20017;
        }

        return string.IsNullOrEmpty((string?)body["currentOpenUserId"]) ? 10010 : 0;
    }
}
