using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Reads the body of <c>GET /crm/{version}/{module}/deleted</c>:
/// <c>{"data":[{"deleted_by":{..},"id":"..","display_name":"..","type":"recycle|permanent","created_by":{..},
/// "deleted_time":"2019-07-25T15:26:49+05:30"}],"info":{"per_page":200,"count":2,"page":1,"more_records":false}}</c>.
/// Permanent entries may carry <c>null</c> names and users; only <c>id</c> is needed. Pure: no I/O.
/// </summary>
internal static class ZohoDeletedRecords
{
    /// <summary>Parses one page; a missing body (204 No Content) is an empty last page.</summary>
    /// <param name="body">The response body, or <see langword="null"/>.</param>
    /// <returns>The page.</returns>
    public static ZohoDeletedPage Parse(JsonNode? body)
    {
        if (body is not JsonObject root)
        {
            return ZohoDeletedPage.Empty;
        }

        var records = new List<ZohoDeletedRecord>();
        foreach (var item in (root["data"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // Ids are strings in Zoho's bodies; a number is accepted too rather than dropping a deletion.
            if (item["id"] is JsonValue idValue && idValue.ToString() is { Length: > 0 } id)
            {
                records.Add(new ZohoDeletedRecord(id, Text(item["type"]), Time(item["deleted_time"])));
            }
        }

        var more = root["info"]?["more_records"] is JsonValue m && m.TryGetValue<bool>(out var flag) && flag;
        return new ZohoDeletedPage(records, more);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
