using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>Entity set queries: <c>$filter</c>/<c>$orderby</c>/<c>$top</c>, paging by <c>odata.maxpagesize</c>, change tracking.</summary>
internal sealed partial class DataverseApi
{
    private DataverseResponse Query(DataverseTable table, DataverseRequest request, Dictionary<string, string> query)
    {
        var select = Select(table, query);
        var pageSize = Math.Clamp(request.MaxPageSize() ?? _options.DefaultPageSize, 1, 5000);
        var annotate = request.Prefers("FormattedValue");
        if (request.Prefers("odata.track-changes") || query.ContainsKey("$deltatoken"))
        {
            return Changes(table, request, query, select, pageSize, annotate);
        }

        // Equality with GUIDs (lines of many orders, records by id) is answered from an index, as Dataverse would; the
        // index gives exactly the rows such a filter matches, so its thousands of terms are not evaluated per row.
        query.TryGetValue("$filter", out var filter);
        var byIndex = filter is not null && ODataGuidSet.TryParse(filter, out var column, out var ids) ? (Column: column, Ids: ids) : default;
        var predicate = filter is null || byIndex.Ids is not null ? (_ => true) : ODataFilter.Parse(filter);
        List<DataverseRow> rows;
        lock (_store.Gate)
        {
            var candidates = byIndex.Ids is not null ? table.RowsWhere(byIndex.Column, byIndex.Ids) : table.Rows.Values;
            rows = candidates.Where(r => predicate(r.Data)).Select(r => r.Clone()).ToList();
        }

        rows.Sort(OrderBy(table, query.GetValueOrDefault("$orderby")));
        if (query.TryGetValue("$top", out var topText) && int.TryParse(topText, out var top))
        {
            rows = rows.Take(top).ToList();
        }

        var offset = query.TryGetValue("$skiptoken", out var skip) ? int.Parse(Decode(skip)[2..], CultureInfo.InvariantCulture) : 0;
        var page = rows.Skip(offset).Take(pageSize).ToList();
        var body = Page(table, page.Select(r => Project(table, r, select, annotate)));
        if (offset + page.Count < rows.Count)
        {
            body["@odata.nextLink"] = Link(table, query, "$skiptoken", Encode($"o:{offset + page.Count}"));
        }

        return new DataverseResponse(200, body);
    }

    private JsonObject Page(DataverseTable table, IEnumerable<JsonNode> items)
    {
        var value = new JsonArray();
        foreach (var item in items)
        {
            value.Add(item);
        }

        return new JsonObject { ["@odata.context"] = $"{BaseAddress()}$metadata#{table.Schema.EntitySet}", ["value"] = value };
    }

    private string Link(DataverseTable table, Dictionary<string, string> query, string name, string value)
    {
        var parts = query.Where(p => p.Key is not "$skiptoken" and not "$deltatoken" && p.Key != name)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")
            .Append($"{name}={Uri.EscapeDataString(value)}");
        return $"{BaseAddress()}{table.Schema.EntitySet}?{string.Join('&', parts)}";
    }

    private static Comparison<DataverseRow> OrderBy(DataverseTable table, string? orderBy)
    {
        var clauses = (orderBy ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => (Field: p[0], Desc: p.Length > 1 && p[1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return (a, b) =>
        {
            foreach (var (field, desc) in clauses)
            {
                var c = CompareNodes(a.Data[field], b.Data[field]);
                if (c != 0)
                {
                    return desc ? -c : c;
                }
            }

            return string.CompareOrdinal(a.Id.ToString(), b.Id.ToString());
        };
    }

    private static int CompareNodes(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        return a.GetValueKind() == System.Text.Json.JsonValueKind.Number && b.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? ODataFilter.Number(a).CompareTo(ODataFilter.Number(b))
            : string.CompareOrdinal(a.ToString(), b.ToString());
    }

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw new DataverseApiException(400, "0x80060888", "The $skiptoken is malformed.");
        }
    }
}
