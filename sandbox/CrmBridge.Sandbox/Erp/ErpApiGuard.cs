using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// Middleware in front of <c>/api/*</c>: counts the call, checks <c>X-Api-Key</c> (401 with the error body), then
/// applies the next injected fault (429 + Retry-After, 503, dropped connection, latency).
/// </summary>
internal sealed class ErpApiGuard(ErpSandbox sandbox, ErpSandboxOptions options)
{
    private readonly byte[] _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        sandbox.CountApiCall();
        if (!KeyMatches(context.Request.Headers["X-Api-Key"].ToString()))
        {
            await ErpHttp.WriteErrorAsync(context, new ErpError(401, "UNAUTHORIZED", "Missing or invalid X-Api-Key.")).ConfigureAwait(false);
            return;
        }

        switch (sandbox.Faults.Next())
        {
            case { Kind: SandboxFaultKind.Throttle } fault:
                var seconds = Math.Max(1, (int)Math.Ceiling(fault.Delay.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ErpHttp.WriteErrorAsync(context, new ErpError(429, "THROTTLED", "Too many requests; retry after the Retry-After delay.")).ConfigureAwait(false);
                return;
            case { Kind: SandboxFaultKind.ServerError }:
                await ErpHttp.WriteErrorAsync(context, new ErpError(503, "SERVER_ERROR", "The ERP is temporarily unavailable.")).ConfigureAwait(false);
                return;
            case { Kind: SandboxFaultKind.DropConnection }:
                context.Abort();
                return;
            case { Kind: SandboxFaultKind.Latency } fault:
                await Task.Delay(fault.Delay, options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                break;
        }

        await next(context).ConfigureAwait(false);
    }

    private bool KeyMatches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyHash);
}
