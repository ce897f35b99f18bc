using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// <c>POST /api/{entity}/batch</c> <c>{"items":[{"externalId","data"}]}</c> (at most <see cref="MaxItems"/>): each item
/// is upserted on its own and gets its own result, so one bad item never fails the others.
/// </summary>
internal static class ErpBatchEndpoint
{
    /// <summary>The most items one batch call accepts.</summary>
    public const int MaxItems = 200;

    public static void Map(WebApplication app, ErpStore store) =>
        app.MapPost("/api/{entity}/batch", context => HandleAsync(context, store));

    private static async Task HandleAsync(HttpContext context, ErpStore store)
    {
        var entity = ErpHttp.Route(context, "entity");
        if (!ErpStore.IsEntity(entity))
        {
            await ErpHttp.WriteErrorAsync(context, ErpError.NotFound($"Entity '{entity}'")).ConfigureAwait(false);
            return;
        }

        var (body, error) = await ErpHttp.ReadObjectAsync(context).ConfigureAwait(false);
        if (error is null && body!["items"] is not JsonArray)
        {
            error = ErpError.Validation("items", "items must be an array.");
        }
        else if (error is null && body!["items"]!.AsArray().Count > MaxItems)
        {
            error = ErpError.InvalidValue("items", $"A batch holds at most {MaxItems} items.");
        }

        if (error is not null)
        {
            await ErpHttp.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var results = new JsonArray();
        var items = body!["items"]!.AsArray();
        for (var index = 0; index < items.Count; index++)
        {
            var outcome = UpsertItem(store, entity, items[index]);
            var result = new JsonObject { ["index"] = index, ["status"] = outcome.Status };
            result[outcome.Error is null ? "record" : "error"] = outcome.Error is null ? outcome.Record : outcome.Error.ToErrorObject();
            results.Add(result);
        }

        await ErpHttp.WriteJsonAsync(context, 200, new JsonObject { ["results"] = results }).ConfigureAwait(false);
    }

    private static ErpWriteOutcome UpsertItem(ErpStore store, string entity, JsonNode? item)
    {
        if (item is not JsonObject obj)
        {
            return ErpWriteOutcome.Fail(ErpError.Validation("items", "Each item must be an object."));
        }

        if (ErpHttp.String(obj, "externalId") is not { Length: > 0 } externalId)
        {
            return ErpWriteOutcome.Fail(ErpError.Validation("externalId", "externalId is required."));
        }

        if (obj["data"] is not JsonObject data)
        {
            return ErpWriteOutcome.Fail(ErpError.Validation("data", "data must be an object."));
        }

        if (data["externalId"] is not null && ErpHttp.String(data, "externalId") != externalId)
        {
            return ErpWriteOutcome.Fail(ErpError.InvalidValue("externalId", "data.externalId differs from the item's externalId."));
        }

        return store.Upsert(entity, externalId, data, ifMatch: null);
    }
}
