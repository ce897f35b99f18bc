using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// <c>GET /api/changes?entity=&amp;after=&amp;limit=</c>: the change feed, oldest first, with snapshots.
/// <c>entity</c> is optional (all entities), <c>after</c> defaults to 0, <c>limit</c> to 100 (at most 500).
/// </summary>
internal static class ErpChangesEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static void Map(WebApplication app, ErpStore store) =>
        app.MapGet("/api/changes", context => HandleAsync(context, store));

    private static Task HandleAsync(HttpContext context, ErpStore store)
    {
        var entity = context.Request.Query["entity"].ToString();
        if (entity.Length > 0 && !ErpStore.IsEntity(entity))
        {
            return ErpHttp.WriteErrorAsync(context, ErpError.InvalidValue("entity", $"entity must be one of {string.Join(", ", ErpEntities.All)}."));
        }

        if (!ErpHttp.TryQueryLong(context, "after", 0, out var after))
        {
            return ErpHttp.WriteErrorAsync(context, ErpError.InvalidValue("after", "after must be a non-negative sequence number."));
        }

        if (!ErpHttp.TryQueryLong(context, "limit", DefaultLimit, out var limit) || limit is < 1 or > MaxLimit)
        {
            return ErpHttp.WriteErrorAsync(context, ErpError.InvalidValue("limit", $"limit must be between 1 and {MaxLimit}."));
        }

        var page = store.ReadChanges(entity.Length > 0 ? entity : null, after, (int)limit);
        if (page is null)
        {
            return ErpHttp.WriteErrorAsync(context, new ErpError(410, "CHECKPOINT_EXPIRED",
                "Changes after this sequence number are no longer kept; resync from after=0.", "after"));
        }

        var body = new JsonObject
        {
            ["changes"] = new JsonArray(page.Changes.Select(c => (JsonNode)c.ToJson()).ToArray()),
            ["next"] = page.Next,
            ["hasMore"] = page.HasMore,
        };
        return ErpHttp.WriteJsonAsync(context, 200, body);
    }
}
