using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings.Tests;

/// <summary>End-to-end behaviour of the engine on the example Zoho sales order mapping.</summary>
public sealed partial class MappingEngineTests
{
    private const string ZohoOrder = """
        {
          "id": "5725767000000222",
          "SO_Number": "  SO-1001 ",
          "Account_Name": { "id": "5725767000000111", "name": "Acme Ltd" },
          "Contact_Name": { "id": "5725767000000333", "name": "Li Wei" },
          "Created_Time": "2024-05-01T20:30:00+02:00",
          "Modified_Time": "2024-05-02T08:00:00+02:00",
          "Currency": "eur",
          "Status": "Confirmed",
          "Priority": "1",
          "Grand_Total": "1234.567",
          "Subject": "Spring order",
          "Description": "Deliver before May",
          "Country": "DE",
          "Shipping_City": null,
          "Billing_City": "Berlin",
          "Shipping_Country": "de",
          "Ordered_Items": [
            { "Product_Name": { "id": "P-1", "name": "Bolt" }, "Quantity": 10, "List_Price": 1.5, "Discount": null },
            { "Product_Name": { "id": "P-2", "name": "Nut" }, "Quantity": "2.5", "List_Price": "3", "Discount": 0.25 }
          ]
        }
        """;

    private static readonly DictionaryLookupResolver Lookups = DictionaryLookupResolver.FromJson("""
        { "customer": { "5725767000000111": "C-001" }, "product": { "P-1": "ITEM-1", "P-2": "ITEM-2" } }
        """);

    private static MappingEngine Example() => new(MappingLoader.LoadDirectory(TestMappings.ExamplesDirectory).GetSetOrThrow());

    private static SyncRoute ZohoRoute(MappingEngine engine) => engine.Routes.Single(r => r.Name == "example-zoho-sales-order-to-erp");

    [Fact]
    public void Map_ZohoExampleOrder_ProducesTargetDocumentWithKey()
    {
        var engine = Example();

        var result = engine.Map(ZohoRoute(engine), JsonNode.Parse(ZohoOrder)!.AsObject(), Lookups);

        Assert.Equal(MapStatus.Mapped, result.Status);
        var expected = JsonNode.Parse("""
            {
              "externalId": "5725767000000222",
              "orderNumber": "SO-1001",
              "customerCode": "C-001",
              "orderDate": "2024-05-02",
              "currency": "EUR",
              "status": "OPEN",
              "priority": "HIGH",
              "total": 1234.57,
              "note": "Spring order / Deliver before May",
              "channel": "CRM",
              "contactName": "Li",
              "region": "EXPORT",
              "reference": "CRM-  SO-1001 ",
              "shipTo": { "city": "Berlin", "country": "DE" },
              "lines": [
                { "sku": "ITEM-1", "quantity": 10, "unitPrice": 1.50, "discount": 0 },
                { "sku": "ITEM-2", "quantity": 2.500, "unitPrice": 3.00, "discount": 0.25 }
              ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, result.Document), result.Document!.ToJsonString());
    }

    [Fact]
    public void Map_StatusNotInFilter_ReturnsFilteredWithCondition()
    {
        var engine = Example();
        var record = JsonNode.Parse(ZohoOrder)!.AsObject();
        record["Status"] = "Draft";

        var result = engine.Map(ZohoRoute(engine), record, Lookups);

        Assert.Equal(MapStatus.Filtered, result.Status);
        Assert.Equal("Status in [Confirmed, Approved]", result.FilterReason);
    }

    [Fact]
    public void Map_SecondFilterFails_ReportsThatCondition()
    {
        var engine = Example();
        var record = JsonNode.Parse(ZohoOrder)!.AsObject();
        record["Grand_Total"] = "0";

        var result = engine.Map(ZohoRoute(engine), record, Lookups);

        Assert.Equal("Grand_Total gt 0", result.FilterReason);
    }

    [Fact]
    public void Map_SeveralBadFields_ReportsEveryErrorWithFieldAndSourcePath()
    {
        var engine = Example();
        var record = JsonNode.Parse(ZohoOrder)!.AsObject();
        record["SO_Number"] = "   ";
        record["Created_Time"] = "yesterday-ish";
        record["Status"] = "Approved";
        record["Ordered_Items"]![1]!["Quantity"] = "two";
        record["Ordered_Items"]![0]!.AsObject().Remove("Quantity");

        var result = engine.Map(ZohoRoute(engine), record, Lookups);

        Assert.Equal(MapStatus.Failed, result.Status);
        Assert.Equal(
            [
                new MappingError("orderNumber", "SO_Number", "REQUIRED", "a value is required but the source value is empty"),
                new MappingError("orderDate", "Created_Time", "BAD_DATE", "the source value is not a date (ISO 8601, epoch milliseconds or /Date(ms)/)"),
                new MappingError("lines[0].quantity", "Ordered_Items[0].Quantity", "REQUIRED", "a value is required but the source field is missing"),
                new MappingError("lines[1].quantity", "Ordered_Items[1].Quantity", "NOT_A_NUMBER", "the source value is not a number"),
            ],
            result.Errors);
    }

    [Fact]
    public void Map_LookupsNotSynced_ReturnsMissingLookupsOnly()
    {
        var engine = Example();
        var lookups = DictionaryLookupResolver.FromJson("""{ "product": { "P-1": "ITEM-1" } }""");

        var result = engine.Map(ZohoRoute(engine), JsonNode.Parse(ZohoOrder)!.AsObject(), lookups);

        Assert.Equal(MapStatus.MissingLookups, result.Status);
        Assert.Equal(
            [new MissingLookup("customer", "5725767000000111", "customerCode"), new MissingLookup("product", "P-2", "lines[1].sku")],
            result.MissingLookups);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Map_ErrorsAndMissingLookups_FailsAndKeepsBoth()
    {
        var engine = Example();
        var record = JsonNode.Parse(ZohoOrder)!.AsObject();
        record["Status"] = "Approved";
        record["Grand_Total"] = 5;
        record["Created_Time"] = "not a date";

        var result = engine.Map(ZohoRoute(engine), record, DictionaryLookupResolver.Empty);

        Assert.Equal(MapStatus.Failed, result.Status);
        Assert.Single(result.Errors);
        Assert.Equal(3, result.MissingLookups.Count);
    }

    [Fact]
    public void Map_MissingKey_ReportsRequiredKey()
    {
        var engine = Example();
        var record = JsonNode.Parse(ZohoOrder)!.AsObject();
        record.Remove("id");

        var result = engine.Map(ZohoRoute(engine), record, Lookups);

        Assert.Equal(new MappingError("externalId", "id", "REQUIRED", "the record id (key.source) is missing, empty or not a plain value"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Map_SourceDocument_IsNotModified()
    {
        var engine = Example();
        var record = JsonNode.Parse(ZohoOrder)!.AsObject();
        var before = record.ToJsonString();

        engine.Map(ZohoRoute(engine), record, Lookups);
        engine.Map(ZohoRoute(engine), record, Lookups);

        Assert.Equal(before, record.ToJsonString());
    }

    [Fact]
    public void Map_RouteFromAnotherSet_Throws()
    {
        var engine = Example();
        var foreign = ZohoRoute(Example()) with { Name = "unknown" };

        Assert.Throws<ArgumentException>(() => engine.Map(foreign, new JsonObject(), Lookups));
    }
}
