using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Benchmarks;

/// <summary>The same mapping written by hand in C#: the floor any engine is measured against.</summary>
internal sealed class HandWrittenOrderMapper
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public JsonObject? Map(JsonObject o)
    {
        var status = Str(o["Status"]);
        if (status is not ("Confirmed" or "Approved"))
        {
            return null;
        }

        var customerId = Str(o["Account_Name"]?["id"]);
        if (customerId is null || !BenchmarkOrder.Customers.TryGetValue(customerId, out var customer))
        {
            throw new InvalidOperationException("customer lookup missing");
        }

        var shipStreet = Str(o["Shipping_Street"]);
        var shipCity = Str(o["Shipping_City"]);
        var target = new JsonObject
        {
            ["externalId"] = Str(o["id"]),
            ["orderNumber"] = Str(o["SO_Number"])!.Trim(),
            ["customerCode"] = customer,
            ["customerName"] = Str(o["Account_Name"]?["name"])?.Trim(),
            ["contactName"] = Str(o["Contact_Name"]?["name"])?.Split(' ')[0],
            ["ownerEmail"] = Str(o["Owner"]?["email"])?.ToLowerInvariant(),
            ["orderDate"] = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(Str(o["Created_Time"])!, CultureInfo.InvariantCulture), Shanghai).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dueDate"] = DateTimeOffset.Parse(Str(o["Due_Date"])! + "T00:00:00Z", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["modifiedAt"] = DateTimeOffset.Parse(Str(o["Modified_Time"])!, CultureInfo.InvariantCulture).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["currency"] = (Str(o["Currency"]) is { Length: > 0 } c ? c : "CNY").ToUpperInvariant(),
            ["status"] = "OPEN",
            ["priority"] = Str(o["Priority"]) switch { "1" => "HIGH", _ => "NORMAL" },
            ["total"] = Round(o["Grand_Total"], 2),
            ["subTotal"] = Round(o["Sub_Total"], 2),
            ["tax"] = Round(o["Tax"], 2),
            ["adjustment"] = Round(o["Adjustment"], 2) ?? 0m,
            ["discount"] = Round(o["Discount"], 2) ?? 0m,
            ["exchangeRate"] = Round(o["Exchange_Rate"], 6),
            ["note"] = Str(o["Subject"]) + " / " + Str(o["Description"]),
            ["channel"] = "CRM",
            ["region"] = Str(o["Country"]) == "CN" ? "DOMESTIC" : "EXPORT",
            ["billTo"] = new JsonObject
            {
                ["street"] = Str(o["Billing_Street"])?.Trim(),
                ["city"] = Str(o["Billing_City"]),
                ["postcode"] = Str(o["Billing_Code"]),
                ["country"] = Str(o["Billing_Country"])?.ToUpperInvariant(),
            },
            ["shipTo"] = new JsonObject
            {
                ["street"] = (string.IsNullOrEmpty(shipStreet) ? Str(o["Billing_Street"]) : shipStreet)?.Trim(),
                ["city"] = string.IsNullOrEmpty(shipCity) ? Str(o["Billing_City"]) : shipCity,
                ["postcode"] = Str(o["Shipping_Code"]),
                ["country"] = Str(o["Shipping_Country"])?.ToUpperInvariant(),
            },
            ["carrier"] = Str(o["Carrier"]) switch { "FedEx" => "FEDEX", "DHL" => "DHL", "UPS" => "UPS", _ => "OTHER" },
            ["customerPo"] = "PO-" + Str(o["Purchase_Order"]),
        };

        var lines = new JsonArray();
        foreach (var item in o["Ordered_Items"]!.AsArray())
        {
            var productId = Str(item!["Product_Name"]?["id"])!;
            lines.Add(new JsonObject
            {
                ["sku"] = BenchmarkOrder.Products[productId],
                ["description"] = Str(item["Product_Name"]?["name"])?.Trim(),
                ["quantity"] = Round(item["Quantity"], 3),
                ["unitPrice"] = Round(item["List_Price"], 2),
                ["discount"] = Round(item["Discount"], 2) ?? 0m,
                ["lineTotal"] = Round(item["Net_Total"], 2),
            });
        }

        target["lines"] = lines;
        return target;
    }

    private static string? Str(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static decimal? Round(JsonNode? node, int decimals) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Math.Round(decimal.Parse(v.GetValue<string>(), CultureInfo.InvariantCulture), decimals, MidpointRounding.AwayFromZero),
        JsonValue v when v.TryGetValue(out decimal d) => Math.Round(d, decimals, MidpointRounding.AwayFromZero),
        JsonValue v when v.TryGetValue(out int i) => i,
        _ => Math.Round(decimal.Parse(node.ToJsonString(), CultureInfo.InvariantCulture), decimals, MidpointRounding.AwayFromZero),
    };
}
