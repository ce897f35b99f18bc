using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>
/// A Kingdee K3Cloud (金蝶云星空) WebAPI emulator on a free 127.0.0.1 port, answering as ERP-FACTS.md §1 says K3Cloud does:
/// <c>POST {site}/{Service}.common.kdsvc</c> with case-insensitive service names, <c>data</c> as an object or a JSON string,
/// <c>"true"</c> strings for booleans, bare array-of-arrays query answers without a total, <c>Limit</c> ≤ 10 000, the
/// <c>ResponseStatus</c> envelope, expiring sessions, the Z/A/B/C/D bill lifecycle (audited bills refuse Save), entries
/// deleted when missing with <c>IsDeleteEntry</c>, and fault injection (MsgCode 1, 13, 14; HTTP 5xx).
/// <code>
/// await using var k3 = await KingdeeSandbox.StartAsync(new KingdeeSandboxOptions { AppSecret = "s3cret" });
/// k3.SeedMaterial("M-001", "Widget");
/// // ... the connector writes BD_Customer and SAL_SaleOrder bills ...
/// k3.AuditBill("SAL_SaleOrder", "XSDD000001");
/// k3.ShipOrder("XSDD000001", "SF1234567890");   // SAL_OUTSTOCK with FCarriageNO, linked by FSoorDerno
/// k3.CreateReceivable("XSDD000001");            // AR_receivable linked by FORDERNUMBER
/// k3.FailNextWithMsgCode(1, KingdeeSandbox.MsgCodeCallLimit);
/// </code>
/// </summary>
public sealed partial class KingdeeSandbox : IAsyncDisposable
{
    /// <summary>MsgCode 1: the session (context) is lost.</summary>
    public const int MsgCodeSessionLost = 1;

    /// <summary>MsgCode 13: network-control conflict (another user holds the bill).</summary>
    public const int MsgCodeNetworkControl = 13;

    /// <summary>MsgCode 14: call limit.</summary>
    public const int MsgCodeCallLimit = 14;

    private readonly KingdeeSandboxOptions _options;
    private readonly KingdeeBillStore _store;
    private readonly KingdeeSandboxSessions _sessions;
    private readonly KingdeeFormService _forms;
    private readonly ConcurrentQueue<int> _msgCodeFaults = new();
    private LoopbackServer? _server;
    private long _apiCalls;
    private long _expireAfter = -1;

    private KingdeeSandbox(KingdeeSandboxOptions options)
    {
        _options = options;
        _store = new KingdeeBillStore(options);
        _sessions = new KingdeeSandboxSessions(options);
        _forms = new KingdeeFormService(_store);
    }

    /// <summary>Gets the site URL to configure as <c>ServerUrl</c>, for example <c>http://127.0.0.1:41234/k3cloud/</c>.</summary>
    public Uri BaseAddress => new(_server?.BaseAddress ?? throw new InvalidOperationException("The sandbox is not started."), "k3cloud/");

    /// <summary>Gets the options (credentials for the connector under test).</summary>
    public KingdeeSandboxOptions Options => _options;

    /// <summary>Gets the generic fault injector for form-service calls: Throttle answers MsgCode 14, ServerError HTTP 500.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Gets how many <c>.kdsvc</c> calls the sandbox received (logins included).</summary>
    public long RequestCount => Interlocked.Read(ref _apiCalls);

    /// <summary>Gets how many successful logins there were.</summary>
    public long LoginCount => _sessions.Logins;

    /// <summary>Starts the sandbox on a free loopback port.</summary>
    /// <param name="options">The options; <see cref="KingdeeSandboxOptions.AppSecret"/> is required.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running sandbox; dispose it to stop.</returns>
    public static async Task<KingdeeSandbox> StartAsync(KingdeeSandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var sandbox = new KingdeeSandbox(options);
        sandbox._server = await LoopbackServer.StartAsync(app => app.MapPost("/k3cloud/{**service}", sandbox.HandleAsync), port: options.Port).ConfigureAwait(false);
        return sandbox;
    }

    /// <summary>Makes the next <paramref name="count"/> form-service calls answer <c>IsSuccess=false</c> with <paramref name="msgCode"/>.</summary>
    /// <param name="count">How many calls.</param>
    /// <param name="msgCode">The MsgCode, for example <see cref="MsgCodeSessionLost"/>.</param>
    public void FailNextWithMsgCode(int count, int msgCode)
    {
        for (var i = 0; i < count; i++)
        {
            _msgCodeFaults.Enqueue(msgCode);
        }
    }

    /// <summary>Ends every session now, as an expired TTL or an application-pool recycle would.</summary>
    public void ExpireSessions() => _sessions.ExpireAll();

    /// <summary>Ends every session when <paramref name="calls"/> more form-service calls have been served (a session lost mid-batch).</summary>
    /// <param name="calls">How many calls still succeed with the current session.</param>
    public void ExpireSessionsAfterCalls(int calls) => Interlocked.Exchange(ref _expireAfter, calls);

    /// <summary>Removes every pending fault.</summary>
    public void ClearFaults()
    {
        Faults.Clear();
        _msgCodeFaults.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _apiCalls);
        var service = context.Request.RouteValues["service"] as string ?? string.Empty;
        const string Suffix = ".common.kdsvc";
        var parts = service.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) ? service[..^Suffix.Length].Split('.') : [];
        var body = parts.Length >= 2 ? await KingdeeSandboxHttp.ReadBodyAsync(context).ConfigureAwait(false) : null;
        if (parts.Length < 2 || body is null)
        {
            context.Response.StatusCode = parts.Length < 2 ? 404 : 500;
            await context.Response.WriteAsync(parts.Length < 2 ? "Not Found" : "Request body is not JSON.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var (owner, operation) = (parts[^2], parts[^1]);
        if (owner.Equals("AuthService", StringComparison.OrdinalIgnoreCase))
        {
            await KingdeeAuthService.HandleAsync(context, operation, body, _options, _sessions).ConfigureAwait(false);
            return;
        }

        if (!owner.Equals("DynamicFormService", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (Interlocked.Read(ref _expireAfter) >= 0 && Interlocked.Decrement(ref _expireAfter) < 0)
        {
            _sessions.ExpireAll();
        }

        var isQuery = operation.Equals("ExecuteBillQuery", StringComparison.OrdinalIgnoreCase) || operation.Equals("BillQuery", StringComparison.OrdinalIgnoreCase);
        if (await InjectAsync(context, isQuery).ConfigureAwait(false) || await RefuseUnauthenticatedAsync(context, isQuery).ConfigureAwait(false))
        {
            return;
        }

        await _forms.HandleAsync(context, operation, body).ConfigureAwait(false);
    }

    private async Task<bool> InjectAsync(HttpContext context, bool isQuery)
    {
        if (_msgCodeFaults.TryDequeue(out var code))
        {
            await WriteFailureAsync(context, isQuery, code).ConfigureAwait(false);
            return true;
        }

        switch (Faults.Next())
        {
            case { Kind: SandboxFaultKind.Throttle }:
                await WriteFailureAsync(context, isQuery, MsgCodeCallLimit).ConfigureAwait(false);
                return true;
            case { Kind: SandboxFaultKind.ServerError }:
                context.Response.StatusCode = 500;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>Server Error in '/k3cloud' Application.</h1></body></html>", context.RequestAborted).ConfigureAwait(false);
                return true;
            case { Kind: SandboxFaultKind.DropConnection }:
                context.Abort();
                return true;
            case { Kind: SandboxFaultKind.Latency } latency:
                await Task.Delay(latency.Delay, _options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                return false;
            default:
                return false;
        }
    }

    private async Task<bool> RefuseUnauthenticatedAsync(HttpContext context, bool isQuery)
    {
        if (_sessions.Touch(KingdeeSandboxHttp.SessionId(context)))
        {
            return false;
        }

        // With valid signature headers an unknown or expired session is silently replaced [ERP-FACTS §1.2, MCP §4].
        if (context.Request.Headers.ContainsKey("X-Kd-Signature")
            && _sessions.CheckSignatureHeaders(name => context.Request.Headers[name].FirstOrDefault(), context.Request.Path.Value ?? string.Empty))
        {
            context.Response.Headers.Append("Set-Cookie", $"kdservice-sessionid={_sessions.Create(login: false)}; path=/");
            return false;
        }

        await WriteFailureAsync(context, isQuery, MsgCodeSessionLost).ConfigureAwait(false);
        return true;
    }

    private static Task WriteFailureAsync(HttpContext context, bool isQuery, int code)
    {
        var message = code switch
        {
            MsgCodeSessionLost => "会话信息已丢失，请重新登录",
            MsgCodeNetworkControl => "网控冲突：单据正在被其他用户操作，请稍后再试",
            MsgCodeCallLimit => "调用限制：接口调用次数超出限制，请稍后再试",
            _ => "操作失败",
        };
        var error = new KingdeeSandboxError(code, null, message);
        JsonNode body = isQuery ? KingdeeEnvelope.QueryFailure(code, error) : KingdeeEnvelope.Failure(code, error);
        return KingdeeSandboxHttp.WriteAsync(context, body);
    }
}
