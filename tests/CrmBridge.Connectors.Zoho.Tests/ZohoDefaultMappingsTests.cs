using System.Text.Json.Nodes;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The shipped mappings/zoho files load and map records shaped as Zoho (and the reference ERP) return them.</summary>
public sealed class ZohoDefaultMappingsTests
{
    private static readonly Lazy<MappingEngine> Engine = new(() =>
    {
        var result = MappingLoader.LoadDirectory(Path.Combine(RepositoryRoot(), "mappings", "zoho"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        return new MappingEngine(result.Set!);
    });

    private static readonly DictionaryLookupResolver Lookups = new(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["customer"] = new Dictionary<string, string> { ["5725767000000100001"] = "C-000001" },
    });

    [Fact]
    public void LoadDirectory_ZohoFolder_HasFiveRoutesBothWays()
    {
        var routes = Engine.Value.Routes;

        Assert.Equal(5, routes.Count);
        Assert.All(routes, r => Assert.StartsWith("zoho-", r.Name, StringComparison.Ordinal));
        Assert.Equal(3, routes.Count(r => r.SourceSystem == "zoho" && r.TargetSystem == "erp"));
        Assert.Equal(["Cases", "Sales_Orders"], routes.Where(r => r.TargetSystem == "zoho").Select(r => r.TargetEntity).Order());
    }

    [Fact]
    public void Map_ConfirmedSalesOrderWithLines_GivesErpOrderWithoutErpOwnedFields()
    {
        var order = JsonNode.Parse("""
            {"id":"5725767000000100010","SO_Number":"SO-77","Subject":"Order","Status":"Confirmed","Currency":"CNY","Grand_Total":120.5,
             "Created_Time":"2026-11-27T02:00:00+00:00","Modified_Time":"2026-11-27T02:00:00+00:00",
             "Account_Name":{"name":"Acme","id":"5725767000000100001"},
             "Ordered_Items":[{"id":"1","Product_Name":{"name":"Widget","id":"9","Product_Code":"W-1"},"Quantity":2,"List_Price":60.25,"Discount":0,"Net_Total":120.5}]}
            """)!.AsObject();

        var result = Engine.Value.Map(Route("Sales_Orders", "erp"), order, Lookups);

        Assert.Equal(MapStatus.Mapped, result.Status);
        var doc = result.Document!;
        Assert.Equal("5725767000000100010", doc["externalId"]?.GetValue<string>());
        Assert.Equal("C-000001", doc["customerId"]?.GetValue<string>());
        Assert.Equal("W-1", doc["lines"]![0]!["sku"]?.GetValue<string>());
        Assert.Equal(2m, doc["lines"]![0]!["quantity"]!.GetValue<decimal>());
        Assert.Null(doc["status"]);
        Assert.Null(doc["trackingNumber"]);
    }

    [Fact]
    public void Map_DraftSalesOrder_IsFiltered()
    {
        var order = new JsonObject { ["id"] = "1", ["SO_Number"] = "SO-1", ["Status"] = "Created" };

        Assert.Equal(MapStatus.Filtered, Engine.Value.Map(Route("Sales_Orders", "erp"), order, Lookups).Status);
    }

    [Fact]
    public void Map_InvoicedErpOrder_GivesZohoStatusTrackingAndInvoiceKeyedById()
    {
        var erp = JsonNode.Parse("""
            {"id":"SO-000001","externalId":"5725767000000100010","orderNumber":"SO-77","status":"INVOICED","trackingNumber":"SF123","carrier":"SF","invoiceNumber":"INV-9","version":4}
            """)!.AsObject();

        var result = Engine.Value.Map(Route("salesOrders", "zoho"), erp, Lookups);

        Assert.Equal(MapStatus.Mapped, result.Status);
        var doc = result.Document!;
        Assert.Equal("5725767000000100010", doc["id"]?.GetValue<string>());
        Assert.Equal("Invoiced", doc["Status"]?.GetValue<string>());
        Assert.Equal("SF123", doc["Tracking_Number"]?.GetValue<string>());
        Assert.Equal("INV-9", doc["Invoice_Number"]?.GetValue<string>());
    }

    [Fact]
    public void Map_ResolvedErpCase_GivesClosedZohoCaseWithResolution()
    {
        var erp = new JsonObject { ["id"] = "AS-000001", ["externalId"] = "5725767000000100020", ["subject"] = "Dent", ["status"] = "RESOLVED", ["resolution"] = "Replaced", ["version"] = 3 };

        var doc = Engine.Value.Map(Route("cases", "zoho"), erp, Lookups).Document!;

        Assert.Equal("Closed", doc["Status"]?.GetValue<string>());
        Assert.Equal("Replaced", doc["Resolution"]?.GetValue<string>());
    }

    private static SyncRoute Route(string sourceEntity, string targetSystem) =>
        Engine.Value.Routes.Single(r => r.SourceEntity == sourceEntity && r.TargetSystem == targetSystem);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmBridge.sln not found above the test output.");
    }
}
