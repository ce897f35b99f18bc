using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// <c>POST /_sandbox/faults</c> <c>{"kind":"Throttle|ServerError|DropConnection|Latency","count":n,"delayMs":..}</c>
/// (scripted: the next n API calls) or <c>{"kind":..,"errorRate":0.1,"delayMs":..}</c> (random share); <c>DELETE</c> clears.
/// </summary>
internal static class ErpFaultEndpoints
{
    public static void Map(WebApplication app, FaultInjector faults)
    {
        app.MapPost("/_sandbox/faults", context => SetAsync(context, faults));
        app.MapDelete("/_sandbox/faults", context =>
        {
            faults.Clear();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }

    private static async Task SetAsync(HttpContext context, FaultInjector faults)
    {
        var (body, error) = await ErpHttp.ReadObjectAsync(context).ConfigureAwait(false);
        SandboxFaultKind kind = default;
        if (error is null && (ErpHttp.String(body!, "kind") is not { } text || !Enum.TryParse(text, ignoreCase: true, out kind) || !Enum.IsDefined(kind)))
        {
            error = ErpError.InvalidValue("kind", "kind must be Throttle, ServerError, DropConnection or Latency.");
        }

        var delay = error is null ? Number(body!, "delayMs") : null;
        var count = error is null ? Number(body!, "count") : null;
        var rate = error is null ? Number(body!, "errorRate") : null;
        if (error is null && count is null && rate is null)
        {
            error = ErpError.Validation("count", "Give count (the next n calls fail) or errorRate (0..1).");
        }
        else if (error is null && (count is < 0 or > 1_000_000 || rate is < 0 or > 1 || delay is < 0))
        {
            error = ErpError.InvalidValue(count is < 0 or > 1_000_000 ? "count" : rate is < 0 or > 1 ? "errorRate" : "delayMs", "Out of range.");
        }

        if (error is not null)
        {
            await ErpHttp.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var wait = TimeSpan.FromMilliseconds(delay ?? 0);
        if (count is { } n)
        {
            faults.FailNext((int)n, kind, wait);
        }

        if (rate is { } r)
        {
            faults.SetErrorRate(r, kind, wait);
        }

        context.Response.StatusCode = 204;
    }

    private static double? Number(JsonObject body, string name) =>
        body[name] is { } node && node.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>() : null;
}
