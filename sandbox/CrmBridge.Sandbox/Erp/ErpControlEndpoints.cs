using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// <c>/_sandbox/*</c>: ship, invoice, resolve and stats. No API key (the server only listens on 127.0.0.1), and these calls
/// are not counted in <see cref="ErpSandbox.RequestCount"/>.
/// </summary>
internal static class ErpControlEndpoints
{
    public static void Map(WebApplication app, ErpSandbox sandbox)
    {
        app.MapPost("/_sandbox/salesOrders/{id}/ship", async context =>
        {
            var (body, error) = await ErpHttp.ReadObjectAsync(context, allowEmpty: true).ConfigureAwait(false);
            await RespondAsync(context, error, () => sandbox.Ship(ErpHttp.Route(context, "id"), ErpHttp.String(body!, "trackingNumber"), ErpHttp.String(body!, "carrier"))).ConfigureAwait(false);
        });
        app.MapPost("/_sandbox/salesOrders/{id}/invoice", async context =>
        {
            var (body, error) = await ErpHttp.ReadObjectAsync(context, allowEmpty: true).ConfigureAwait(false);
            await RespondAsync(context, error, () => sandbox.Invoice(ErpHttp.Route(context, "id"), ErpHttp.String(body!, "invoiceNumber"))).ConfigureAwait(false);
        });
        app.MapPost("/_sandbox/cases/{id}/resolve", async context =>
        {
            var (body, error) = await ErpHttp.ReadObjectAsync(context, allowEmpty: true).ConfigureAwait(false);
            await RespondAsync(context, error, () => sandbox.Resolve(ErpHttp.Route(context, "id"), ErpHttp.String(body!, "resolution"))).ConfigureAwait(false);
        });
        app.MapGet("/_sandbox/stats", context => ErpHttp.WriteJsonAsync(context, 200, Stats(sandbox)));
    }

    private static Task RespondAsync(HttpContext context, ErpError? error, Func<ErpWriteOutcome> apply) =>
        ErpHttp.WriteOutcomeAsync(context, error is null ? apply() : ErpWriteOutcome.Fail(error));

    private static JsonObject Stats(ErpSandbox sandbox)
    {
        var stats = new JsonObject();
        foreach (var (entity, count) in sandbox.Counts())
        {
            stats[entity] = count;
        }

        stats["requests"] = sandbox.RequestCount;
        stats["lastSeq"] = sandbox.LastChangeSeq;
        stats["webhookDeliveries"] = sandbox.WebhookDeliveries;
        stats["webhookFailedAttempts"] = sandbox.WebhookFailedAttempts;
        return stats;
    }
}
