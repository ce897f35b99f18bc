using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>Reads: <c>$filter</c>, <c>$orderby</c> (one field, id as tie-breaker), <c>$top</c>, <c>$expand</c> of lines, and server paging
/// by <c>Prefer: odata.maxpagesize</c> with a key-based <c>$skiptoken</c> (so rows moving between pages are not skipped).</summary>
internal sealed partial class BcApi
{
    private BcResponse Query(Guid company, string set, BcRequest r, Func<BcRow, bool> scope)
    {
        var filter = r.Option("$filter") is { Length: > 0 } f ? BcFilter.Parse(f) : null;
        var (orderField, descending) = OrderBy(r.Option("$orderby"), set);
        var rows = _store.Table(company, set).Values.Where(scope).Where(row => filter?.Matches(row.Data) != false)
            .OrderBy(row => row, Comparer<BcRow>.Create((a, b) => Compare(a, b, orderField) * (descending ? -1 : 1))).ToList();
        if (r.Option("$skiptoken") is { Length: > 0 } token)
        {
            var after = Token(token);
            rows = rows.Where(row => Compare(row, after, orderField) * (descending ? -1 : 1) > 0).ToList();
        }

        var pageSize = Math.Min(_options.MaxPageSize, MaxPageSize(r.Header("Prefer")) ?? int.MaxValue);
        var top = int.TryParse(r.Option("$top"), out var t) ? t : int.MaxValue;
        var page = rows.Take(Math.Min(pageSize, top)).ToList();

        // One pass over the lines for the whole page instead of one per order.
        var lines = set == "salesOrders" ? _store.Table(company, "salesOrderLines").Values.ToLookup(l => l.Data["documentId"]?.ToString() ?? string.Empty) : null;
        var body = new JsonObject
        {
            ["@odata.context"] = $"{_apiRoot()}$metadata#companies({company})/{set}",
            ["value"] = new JsonArray([.. page.Select(row => (JsonNode)Output(company, set, row, r.Option("$expand"), lines))]),
        };
        if (rows.Count > page.Count && page.Count < top)
        {
            var query = string.Join('&', r.Query.Where(q => q.Key != "$skiptoken").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
            body["@odata.nextLink"] = $"{_apiRoot()}{r.Path}?{query}{(query.Length > 0 ? "&" : string.Empty)}$skiptoken={Token(page[^1], orderField)}";
        }

        return new BcResponse(200, body);
    }

    private BcResponse Single(Guid company, string set, BcRow row, string? expand, int status = 200)
    {
        var body = Output(company, set, row, expand);
        var ordered = new JsonObject { ["@odata.context"] = $"{_apiRoot()}$metadata#companies({company})/{set}/$entity" };
        foreach (var (k, v) in body.ToList())
        {
            body.Remove(k);
            ordered[k] = v;
        }

        return new BcResponse(status, ordered);
    }

    /// <summary>Renders a row as the API shows it: ETag, id, fields, computed amounts, expanded lines.</summary>
    private JsonObject Output(Guid company, string set, BcRow row, string? expand, ILookup<string, BcRow>? allLines = null)
    {
        var o = new JsonObject { ["@odata.etag"] = row.ETag, ["id"] = row.Id.ToString() };
        foreach (var (k, v) in row.Data)
        {
            o[k] = v?.DeepClone();
        }

        if (set == "salesOrderLines")
        {
            var amount = LineAmount(row.Data);
            o["amountExcludingTax"] = amount;
            o["amountIncludingTax"] = amount;
            o["netAmount"] = amount;
            o["netAmountIncludingTax"] = amount;
        }

        if (set == "salesOrders")
        {
            var lines = allLines is null ? LinesOf(company, row.Id) : [.. allLines[row.Id.ToString()].OrderBy(l => (int)Dec(l.Data["sequence"]))];
            var total = lines.Sum(l => LineAmount(l.Data));
            o["totalAmountExcludingTax"] = total;
            o["totalAmountIncludingTax"] = total;
            if (expand?.Contains("salesOrderLines", StringComparison.Ordinal) == true)
            {
                o["salesOrderLines"] = new JsonArray([.. lines.Select(l => (JsonNode)Output(company, "salesOrderLines", l, null))]);
            }
        }

        if (set == "salesShipments" && expand?.Contains("salesShipmentLines", StringComparison.Ordinal) == true)
        {
            var id = row.Id.ToString();
            o["salesShipmentLines"] = new JsonArray([.. _store.Table(company, "salesShipmentLines").Values.Where(l => l.Data["documentId"]?.ToString() == id)
                .OrderBy(l => (int)Dec(l.Data["sequence"])).Select(l => (JsonNode)Output(company, "salesShipmentLines", l, null))]);
        }

        return o;
    }

    private List<BcRow> LinesOf(Guid company, Guid order)
    {
        var id = order.ToString();
        return _store.Table(company, "salesOrderLines").Values.Where(l => l.Data["documentId"]?.ToString() == id).OrderBy(l => (int)Dec(l.Data["sequence"])).ToList();
    }

    private static decimal LineAmount(JsonObject line) =>
        Math.Round(Dec(line["quantity"]) * Dec(line["unitPrice"]) * (1 - (Dec(line["discountPercent"]) / 100)), 2);

    private static decimal Dec(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static (string Field, bool Descending) OrderBy(string? orderby, string set)
    {
        if (string.IsNullOrWhiteSpace(orderby))
        {
            return (set.EndsWith("Lines", StringComparison.Ordinal) ? "sequence" : "number", false);
        }

        var parts = orderby.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (parts[0], parts.Length > 1 && parts[1] == "desc");
    }

    private static int Compare(BcRow a, BcRow b, string field) => Compare(a.Data[field], a.Id.ToString(), b.Data[field], b.Id.ToString());

    private static int Compare(BcRow a, (JsonNode? Value, string Id) b, string field) => Compare(a.Data[field], a.Id.ToString(), b.Value, b.Id);

    private static int Compare(JsonNode? a, string aId, JsonNode? b, string bId)
    {
        var c = a is JsonValue va && b is JsonValue vb && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number
            ? Dec(va).CompareTo(Dec(vb))
            : string.Compare(a?.ToString(), b?.ToString(), StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : string.CompareOrdinal(aId, bId);
    }

    private static string Token(BcRow row, string field) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonArray(row.Data[field]?.DeepClone(), row.Id.ToString()).ToJsonString())).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static (JsonNode? Value, string Id) Token(string token)
    {
        try
        {
            var text = token.Replace('-', '+').Replace('_', '/');
            text += (text.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
            var array = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)))!.AsArray();
            return (array[0]?.DeepClone(), array[1]!.ToString());
        }
        catch (Exception error) when (error is FormatException or JsonException or InvalidOperationException)
        {
            throw new BcApiException(400, "BadRequest_InvalidToken", "The skip token is not valid.");
        }
    }

    private static int? MaxPageSize(string? prefer)
    {
        const string name = "odata.maxpagesize=";
        var at = prefer?.IndexOf(name, StringComparison.OrdinalIgnoreCase) ?? -1;
        return at >= 0 && int.TryParse(prefer![(at + name.Length)..].Split(',', ';')[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null;
    }
}
