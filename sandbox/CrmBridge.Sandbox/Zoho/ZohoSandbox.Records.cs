using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>GET records (list, ids, by id) with Zoho's paging rules.</summary>
public sealed partial class ZohoSandbox
{
    private const int DiscreteLimit = 2000;
    private readonly ConcurrentDictionary<string, ZohoPageToken> _pageTokens = new(StringComparer.Ordinal);

    private async Task HandleListAsync(HttpContext context, string module)
    {
        var query = context.Request.Query;
        if (!TryModule(module, out var store))
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_MODULE", "the module name given seems to be invalid").ConfigureAwait(false);
            return;
        }

        if (ParseFields(query["fields"].ToString()) is not { } fields)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", new JsonObject { ["param"] = "fields" }).ConfigureAwait(false);
            return;
        }

        if (fields.Count > 50)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "LIMIT_EXCEEDED", "the number of fields exceeds the limit", new JsonObject { ["limit"] = 50, ["param"] = "fields" }).ConfigureAwait(false);
            return;
        }

        if (query["ids"].ToString() is { Length: > 0 } idList)
        {
            await WriteIdsAsync(context, store, idList, fields).ConfigureAwait(false);
            return;
        }

        var perPage = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) ? pp : 200;
        if (perPage is < 1 or > 200)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_DATA", "per_page must be between 1 and 200", new JsonObject { ["param"] = "per_page" }).ConfigureAwait(false);
            return;
        }

        ZohoPageToken position;
        if (query["page_token"].ToString() is { Length: > 0 } tokenText)
        {
            if (!_pageTokens.TryGetValue(tokenText, out var token) || token.Expiry <= _time.GetUtcNow() || token.Module != module)
            {
                await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_DATA", "the page_token is invalid or expired", new JsonObject { ["param"] = "page_token" }).ConfigureAwait(false);
                return;
            }

            position = token;
        }
        else
        {
            var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
            if (page * perPage > DiscreteLimit)
            {
                await ZohoSandboxJson.ErrorAsync(context, 400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED", "cannot fetch more than 2000 records without page_token", new JsonObject { ["limit"] = DiscreteLimit }).ConfigureAwait(false);
                return;
            }

            var sortBy = query["sort_by"].ToString() is { Length: > 0 } s ? s : "id";
            var since = DateTimeOffset.TryParse(context.Request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ims) ? ims : (DateTimeOffset?)null;
            position = new ZohoPageToken(module, sortBy, query["sort_order"].ToString() == "desc", since, (page - 1) * perPage, page, default);
        }

        JsonArray data;
        bool more;
        lock (_gate)
        {
            IEnumerable<ZohoStoredRecord> ordered = position.SortBy == "Modified_Time"
                ? store.OrderedByModified(position.Since, position.Descending)
                : store.OrderedById(position.Descending).Where(r => position.Since is null || r.Modified > position.Since);
            var slice = ordered.Skip(position.Offset).Take(perPage + 1).ToList();
            more = slice.Count > perPage;
            data = new JsonArray(slice.Take(perPage).Select(r => (JsonNode)Project(r.Data, fields)).ToArray());
        }

        if (data.Count == 0)
        {
            context.Response.StatusCode = 204;
            return;
        }

        string? next = null;
        if (more)
        {
            next = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            _pageTokens[next] = position with { Offset = position.Offset + perPage, Page = position.Page + 1, Expiry = _time.GetUtcNow().AddDays(1) };
        }

        await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject
        {
            ["data"] = data,
            ["info"] = new JsonObject
            {
                ["per_page"] = perPage,
                ["next_page_token"] = next,
                ["count"] = data.Count,
                ["sort_by"] = position.SortBy,
                ["page"] = position.Page,
                ["previous_page_token"] = null,
                ["page_token_expiry"] = next is null ? null : FormatTime(_time.GetUtcNow().AddDays(1)),
                ["sort_order"] = position.Descending ? "desc" : "asc",
                ["more_records"] = more,
            },
        }).ConfigureAwait(false);
    }

    private async Task WriteIdsAsync(HttpContext context, ZohoModuleStore store, string idList, IReadOnlyList<string> fields)
    {
        var ids = idList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length > 100)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "LIMIT_EXCEEDED", "the number of ids exceeds the limit", new JsonObject { ["limit"] = 100, ["param"] = "ids" }).ConfigureAwait(false);
            return;
        }

        JsonArray data;
        lock (_gate)
        {
            data = new JsonArray(ids.Select(id => long.TryParse(id, CultureInfo.InvariantCulture, out var n) ? store.Find(n) : null)
                .Where(r => r is not null).Select(r => (JsonNode)Project(r!.Data, fields)).ToArray());
        }

        if (data.Count == 0)
        {
            context.Response.StatusCode = 204;
            return;
        }

        await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject { ["data"] = data, ["info"] = new JsonObject { ["count"] = data.Count, ["more_records"] = false } }).ConfigureAwait(false);
    }

    private async Task HandleGetByIdAsync(HttpContext context, string module, string id)
    {
        if (!TryModule(module, out var store))
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_MODULE", "the module name given seems to be invalid").ConfigureAwait(false);
            return;
        }

        var fields = ParseFields(context.Request.Query["fields"].ToString());
        if (fields is { Count: > 50 })
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "LIMIT_EXCEEDED", "the number of fields exceeds the limit", new JsonObject { ["limit"] = 50, ["param"] = "fields" }).ConfigureAwait(false);
            return;
        }

        JsonObject? record;
        lock (_gate)
        {
            var found = long.TryParse(id, CultureInfo.InvariantCulture, out var n) ? store.Find(n) : null;
            record = found is null ? null : fields is null ? (JsonObject)found.Data.DeepClone() : Project(found.Data, fields);
        }

        if (record is null)
        {
            // Zoho answers a get-by-id of a record that does not exist (or was deleted) with 204 No Content.
            context.Response.StatusCode = 204;
            return;
        }

        await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject { ["data"] = new JsonArray(record) }).ConfigureAwait(false);
    }

    private static List<string>? ParseFields(string text) =>
        text.Length == 0 ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    private static JsonObject Project(JsonObject data, IReadOnlyList<string> fields)
    {
        var result = new JsonObject { ["id"] = data["id"]?.DeepClone() };
        foreach (var field in fields)
        {
            if (field != "id")
            {
                result[field] = data[field]?.DeepClone();
            }
        }

        return result;
    }
}
