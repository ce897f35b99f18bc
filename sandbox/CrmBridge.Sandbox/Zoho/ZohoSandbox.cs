using System.Collections.Concurrent;
using System.Globalization;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>
/// An in-process emulator of Zoho CRM (API v7 shapes) on loopback: the accounts server's token endpoint (refresh grant,
/// expiring access tokens, <c>INVALID_TOKEN</c>), records (fields / per_page / page / page_token with the 2000-record rule,
/// If-Modified-Since, ids), COQL (a subset), upsert and update with per-record results, delete into a recycle bin and the
/// deleted-records list, notifications
/// (<c>actions/watch</c> subscribe, renew, expiry, callback delivery), concurrency and credit limits, and fault injection.
/// The accounts server and the API domain share one base address; the token response's <c>api_domain</c> points at it.
/// </summary>
public sealed partial class ZohoSandbox : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly ZohoSandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ZohoModuleStore> _modules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private LoopbackServer? _server;
    private long _nextId = 5_725_767_000_000_100_000L;
    private long _tokenRequests;
    private long _creditsUsed;
    private int _inFlight;

    private ZohoSandbox(ZohoSandboxOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        foreach (var module in ZohoModuleSchema.StandardModules.Concat(options.CustomModules))
        {
            _modules[module] = new ZohoModuleStore();
        }
    }

    /// <summary>Gets the base address of both the accounts server and the API domain.</summary>
    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("The sandbox is not started.");

    /// <summary>Gets the api_domain the token endpoint returns (the base address without its trailing slash).</summary>
    public string ApiDomain => BaseAddress.ToString().TrimEnd('/');

    /// <summary>Gets how many HTTP requests the sandbox served (token requests included).</summary>
    public long RequestCount => _server?.RequestCount ?? 0;

    /// <summary>Gets how many token requests (refresh grants) the accounts server received.</summary>
    public long TokenRequests => Interlocked.Read(ref _tokenRequests);

    /// <summary>Gets how many API credits were spent (one per API call, token requests excluded).</summary>
    public long CreditsUsed => Interlocked.Read(ref _creditsUsed);

    /// <summary>Gets the fault injector applied to API calls (not to the token endpoint).</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Starts the emulator on a free loopback port.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running sandbox.</returns>
    public static async Task<ZohoSandbox> StartAsync(ZohoSandboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var sandbox = new ZohoSandbox(options);
        sandbox._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/oauth/v2/token", sandbox.HandleTokenAsync);
            app.Map("/crm/{version}/{**path}", sandbox.HandleApiAsync);
        }, port: options.Port).ConfigureAwait(false);
        sandbox.StartDelivery();
        return sandbox;
    }

    /// <summary>Resets the spent API credits (the rolling 24 h window passed).</summary>
    public void ResetCredits() => Interlocked.Exchange(ref _creditsUsed, 0);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopDeliveryAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());

    private async Task HandleApiAsync(HttpContext context)
    {
        // The Date header follows the sandbox clock, as Zoho's follows Zoho's (clients derive scan start times from it).
        context.Response.Headers.Date = _time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        if (!Authenticate(context, out var authError))
        {
            await ZohoSandboxJson.ErrorAsync(context, 401, authError, authError == "INVALID_TOKEN" ? "invalid oauth token" : "Authentication failed").ConfigureAwait(false);
            return;
        }

        if (_options.CreditLimit is { } limit && Interlocked.Increment(ref _creditsUsed) > limit)
        {
            await ZohoSandboxJson.ErrorAsync(context, 429, "LIMIT_EXCEEDED", "API credits for the rolling 24-hour window are exhausted").ConfigureAwait(false);
            return;
        }

        if (_options.CreditLimit is null)
        {
            Interlocked.Increment(ref _creditsUsed);
        }

        if (Interlocked.Increment(ref _inFlight) > _options.MaxConcurrency)
        {
            Interlocked.Decrement(ref _inFlight);
            await ZohoSandboxJson.ErrorAsync(context, 429, "TOO_MANY_REQUESTS", "The concurrency limit of the organization was exceeded").ConfigureAwait(false);
            return;
        }

        try
        {
            if (Faults.Next() is { } fault)
            {
                switch (fault.Kind)
                {
                    case SandboxFaultKind.Throttle:
                        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(fault.Delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                        await ZohoSandboxJson.ErrorAsync(context, 429, "TOO_MANY_REQUESTS", "Too many requests, try again later").ConfigureAwait(false);
                        return;
                    case SandboxFaultKind.ServerError:
                        await ZohoSandboxJson.ErrorAsync(context, 500, "INTERNAL_ERROR", "Internal Server Error").ConfigureAwait(false);
                        return;
                    case SandboxFaultKind.DropConnection:
                        context.Abort();
                        return;
                    case SandboxFaultKind.Latency:
                        await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                        break;
                }
            }

            await DispatchAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Task DispatchAsync(HttpContext context)
    {
        var segments = ((string?)context.Request.RouteValues["path"] ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        return segments switch
        {
            ["coql"] when HttpMethods.IsPost(method) => HandleCoqlAsync(context),
            ["actions", "watch"] => HandleWatchAsync(context),
            [var module] when HttpMethods.IsGet(method) => HandleListAsync(context, module),
            [var module] when HttpMethods.IsPut(method) => HandleUpdateAsync(context, module),
            [var module] when HttpMethods.IsDelete(method) => HandleDeleteAsync(context, module, context.Request.Query["ids"].ToString()),
            [var module, "upsert"] when HttpMethods.IsPost(method) => HandleUpsertAsync(context, module),
            [var module, "deleted"] when HttpMethods.IsGet(method) => HandleDeletedAsync(context, module),
            [var module, var id] when HttpMethods.IsGet(method) => HandleGetByIdAsync(context, module, id),
            [var module, var id] when HttpMethods.IsDelete(method) => HandleDeleteAsync(context, module, id),
            _ => ZohoSandboxJson.ErrorAsync(context, 404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"),
        };
    }

    private bool TryModule(string name, out ZohoModuleStore store) => _modules.TryGetValue(name, out store!);
}
