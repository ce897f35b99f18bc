using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Erp;

/// <summary><c>PUT/GET /api/{entity}/by-external-id/{externalId}</c>, <c>GET/DELETE /api/{entity}/{id}</c>.</summary>
internal static class ErpRecordEndpoints
{
    public static void Map(WebApplication app, ErpStore store)
    {
        app.MapPut("/api/{entity}/by-external-id/{externalId}", context => UpsertAsync(context, store));
        app.MapGet("/api/{entity}/by-external-id/{externalId}", context =>
            ReadAsync(context, store.GetByExternalId(ErpHttp.Route(context, "entity"), ErpHttp.Route(context, "externalId"))));
        app.MapGet("/api/{entity}/{id}", context =>
            ReadAsync(context, store.Get(ErpHttp.Route(context, "entity"), ErpHttp.Route(context, "id"))));
        app.MapDelete("/api/{entity}/{id}", context => DeleteAsync(context, store));
    }

    private static async Task UpsertAsync(HttpContext context, ErpStore store)
    {
        var entity = ErpHttp.Route(context, "entity");
        var externalId = ErpHttp.Route(context, "externalId");
        if (!ErpStore.IsEntity(entity))
        {
            await ErpHttp.WriteErrorAsync(context, ErpError.NotFound($"Entity '{entity}'")).ConfigureAwait(false);
            return;
        }

        var (body, error) = await ErpHttp.ReadObjectAsync(context).ConfigureAwait(false);
        if (error is null && body!["externalId"] is not null && ErpHttp.String(body, "externalId") != externalId)
        {
            error = ErpError.InvalidValue("externalId", "externalId in the body differs from the one in the URL.");
        }

        long? ifMatch = null;
        var ifMatchHeader = context.Request.Headers.IfMatch.ToString();
        if (error is null && ifMatchHeader.Length > 0)
        {
            var text = ifMatchHeader.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"', ' ');
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
            {
                ifMatch = expected;
            }
            else
            {
                error = ErpError.InvalidValue("If-Match", "If-Match must be a record version.");
            }
        }

        var outcome = error is null ? store.Upsert(entity, externalId, body!, ifMatch) : ErpWriteOutcome.Fail(error);
        await ErpHttp.WriteOutcomeAsync(context, outcome).ConfigureAwait(false);
    }

    private static Task ReadAsync(HttpContext context, System.Text.Json.Nodes.JsonObject? record)
    {
        var entity = ErpHttp.Route(context, "entity");
        return record is null
            ? ErpHttp.WriteErrorAsync(context, ErpError.NotFound(ErpStore.IsEntity(entity) ? $"{entity} record" : $"Entity '{entity}'"))
            : ErpHttp.WriteJsonAsync(context, 200, record);
    }

    private static async Task DeleteAsync(HttpContext context, ErpStore store)
    {
        var entity = ErpHttp.Route(context, "entity");
        if (store.Delete(entity, ErpHttp.Route(context, "id")))
        {
            context.Response.StatusCode = 204;
            return;
        }

        await ErpHttp.WriteErrorAsync(context, ErpError.NotFound(ErpStore.IsEntity(entity) ? $"{entity} record" : $"Entity '{entity}'")).ConfigureAwait(false);
    }
}
