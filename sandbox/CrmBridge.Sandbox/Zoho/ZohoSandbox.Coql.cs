using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>POST /coql: the subset <see cref="ZohoCoqlQuery"/> parses.</summary>
public sealed partial class ZohoSandbox
{
    private async Task HandleCoqlAsync(HttpContext context)
    {
        var body = await ZohoSandboxJson.ReadObjectAsync(context).ConfigureAwait(false);
        if (body?["select_query"]?.GetValue<string>() is not { Length: > 0 } text)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_QUERY", "select_query is missing").ConfigureAwait(false);
            return;
        }

        if (ZohoCoqlQuery.TryParse(text, out var error) is not { } query)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "SYNTAX_ERROR", error).ConfigureAwait(false);
            return;
        }

        if (!TryModule(query.Module, out var store))
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_QUERY", "invalid module", new JsonObject { ["module"] = query.Module }).ConfigureAwait(false);
            return;
        }

        if (query.Fields.Count > 50)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "LIMIT_EXCEEDED", "select supports at most 50 fields", new JsonObject { ["limit"] = 50 }).ConfigureAwait(false);
            return;
        }

        List<JsonObject> rows;
        bool more;
        lock (_gate)
        {
            IEnumerable<JsonObject> matches = store.All.Select(r => r.Data).Where(query.Matches);
            if (query.OrderBy.Count > 0)
            {
                matches = matches.Order(Comparer<JsonObject>.Create(query.Compare));
            }

            var slice = matches.Skip(query.Offset).Take(query.Limit + 1).ToList();
            more = slice.Count > query.Limit;
            rows = slice.Take(query.Limit).Select(r => Project(r, query.Fields)).ToList();
        }

        if (rows.Count == 0)
        {
            context.Response.StatusCode = 204;
            return;
        }

        await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject
        {
            ["data"] = new JsonArray(rows.Cast<JsonNode>().ToArray()),
            ["info"] = new JsonObject { ["count"] = rows.Count, ["more_records"] = more },
        }).ConfigureAwait(false);
    }
}
