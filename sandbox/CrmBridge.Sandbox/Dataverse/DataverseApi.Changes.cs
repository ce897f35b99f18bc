using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Change tracking (<c>Prefer: odata.track-changes</c>). Row versions come from one store-wide counter, so they order
/// every write without ties: the initial sync pages by id over the rows up to the version it started at, a delta pages
/// by version over (token, now]; a row written while paging lands in the next delta, never in neither.
/// </summary>
internal sealed partial class DataverseApi
{
    private static readonly string[] RejectedWithTracking = ["$filter", "$orderby", "$expand", "$top"];

    /// <summary>Gets or sets the issue time before which delta tokens count as expired (besides their lifetime).</summary>
    public DateTimeOffset DeltaTokensValidFrom { get; set; } = DateTimeOffset.MinValue;

    private DataverseResponse Changes(DataverseTable table, DataverseRequest request, Dictionary<string, string> query, HashSet<string>? select, int pageSize, bool annotate)
    {
        if (!table.Schema.ChangeTracking)
        {
            throw new DataverseApiException(400, "0x80060888", $"Change tracking is not enabled for the entity '{table.Schema.LogicalName}'.");
        }

        if (RejectedWithTracking.FirstOrDefault(query.ContainsKey) is { } rejected)
        {
            throw new DataverseApiException(400, "0x80060888", $"The query parameter {rejected} is not supported with change tracking.");
        }

        var items = new List<JsonNode>();
        string? next = null;
        long deltaVersion;
        lock (_store.Gate)
        {
            var token = query.TryGetValue("$skiptoken", out var skip) ? Decode(skip).Split(':') : null;
            if (token is null && query.TryGetValue("$deltatoken", out var delta))
            {
                var parsed = DeltaToken.Parse(delta);
                var now = _options.TimeProvider.GetUtcNow();
                if (parsed.Issued + _options.DeltaTokenLifetime < now || parsed.Issued < DeltaTokensValidFrom)
                {
                    throw new DataverseApiException(400, "0x80044352", "ExpiredVersionStamp: Version stamp associated with the client has expired. Please perform a full sync.");
                }

                token = ["d", L(parsed.Version), L(_store.CurrentVersion), L(parsed.Version)];
            }

            token ??= ["i", L(_store.CurrentVersion), string.Empty];
            if (token[0] == "i")
            {
                var upTo = long.Parse(token[1], CultureInfo.InvariantCulture);
                var page = table.Rows.Values.Where(r => r.Version <= upTo && string.CompareOrdinal(r.Id.ToString(), token[2]) > 0)
                    .OrderBy(r => r.Id.ToString(), StringComparer.Ordinal).Take(pageSize + 1).ToList();
                items.AddRange(page.Take(pageSize).Select(r => (JsonNode)Project(table, r, select, annotate)));
                if (page.Count > pageSize)
                {
                    next = $"i:{token[1]}:{page[pageSize - 1].Id}";
                }

                deltaVersion = upTo;
            }
            else
            {
                var (from, upTo, after) = (long.Parse(token[1], CultureInfo.InvariantCulture), long.Parse(token[2], CultureInfo.InvariantCulture), long.Parse(token[3], CultureInfo.InvariantCulture));
                var changed = table.Rows.Values.Where(r => r.Version > after && r.Version <= upTo).Select(r => (r.Version, Row: (DataverseRow?)r, Id: r.Id))
                    .Concat(table.Tombstones.Where(t => t.Value > after && t.Value <= upTo).Select(t => (Version: t.Value, Row: (DataverseRow?)null, Id: t.Key)))
                    .OrderBy(c => c.Version).Take(pageSize + 1).ToList();
                foreach (var change in changed.Take(pageSize))
                {
                    items.Add(change.Row is { } row ? Project(table, row, select, annotate) : new JsonObject
                    {
                        ["@odata.context"] = $"{BaseAddress()}$metadata#{table.Schema.EntitySet}/$deletedEntity",
                        ["id"] = change.Id.ToString(),
                        ["reason"] = "deleted",
                    });
                }

                if (changed.Count > pageSize)
                {
                    next = $"d:{L(from)}:{L(upTo)}:{L(changed[pageSize - 1].Version)}";
                }

                deltaVersion = upTo;
            }
        }

        if (items.Count == 0 && !query.ContainsKey("$skiptoken") && query.ContainsKey("$deltatoken"))
        {
            // The documentation: following a delta link when nothing changed returns an "empty JSON response" (no value, no
            // links); the client keeps the delta link it just followed.
            var empty = new DataverseResponse(200, new JsonObject { ["@odata.context"] = $"{BaseAddress()}$metadata#{table.Schema.EntitySet}/$delta" });
            empty.Headers["Preference-Applied"] = "odata.track-changes";
            return empty;
        }

        var body = Page(table, items);
        if (next is not null)
        {
            body["@odata.nextLink"] = Link(table, query, "$skiptoken", Encode(next));
        }
        else
        {
            body["@odata.deltaLink"] = Link(table, query, "$deltatoken", new DeltaToken(deltaVersion, _options.TimeProvider.GetUtcNow()).ToString());
        }

        var response = new DataverseResponse(200, body);
        response.Headers["Preference-Applied"] = "odata.track-changes";
        return response;
    }

    private static string L(long value) => value.ToString(CultureInfo.InvariantCulture);
}
