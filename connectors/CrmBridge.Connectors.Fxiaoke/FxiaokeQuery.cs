using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>Builds <c>search_query_info</c> bodies. Offsets stay 0: paging is by keys (the platform rejects offsets past 10000).</summary>
internal static class FxiaokeQuery
{
    /// <summary>Builds one filter <c>{field_name, operator, field_values}</c>.</summary>
    public static JsonObject Filter(string field, string op, params string[] values) => new()
    {
        ["field_name"] = field,
        ["operator"] = op,
        ["field_values"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
    };

    /// <summary>Builds one order <c>{fieldName, isAsc}</c>.</summary>
    public static JsonObject Order(string field, bool ascending = true) => new() { ["fieldName"] = field, ["isAsc"] = ascending };

    /// <summary>Builds the business fields of a query call.</summary>
    public static JsonObject Body(string apiName, int limit, IEnumerable<JsonObject> filters, IEnumerable<JsonObject> orders) => new()
    {
        ["data"] = new JsonObject
        {
            ["dataObjectApiName"] = apiName,
            ["search_query_info"] = new JsonObject
            {
                ["limit"] = limit,
                ["offset"] = 0,
                ["filters"] = new JsonArray(filters.Cast<JsonNode?>().ToArray()),
                ["orders"] = new JsonArray(orders.Cast<JsonNode?>().ToArray()),
            },
        },
    };

    /// <summary>Reads <c>data.dataList</c> of a query response.</summary>
    public static List<JsonObject> Records(JsonObject response) =>
        (response["data"]?["dataList"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
}
