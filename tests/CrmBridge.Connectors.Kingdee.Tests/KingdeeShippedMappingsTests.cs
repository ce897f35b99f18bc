using System.Text.Json.Nodes;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;
using Xunit;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>The shipped mappings/fxiaoke-k3cloud and mappings/zoho-k3cloud folders load and map records as the systems shape them.</summary>
public sealed class KingdeeShippedMappingsTests
{
    private static readonly DictionaryLookupResolver Lookups = new(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["customer"] = new Dictionary<string, string> { ["acc-1"] = "CUST000001", ["5725767000000100001"] = "CUST000002" },
    });

    [Theory]
    [InlineData("fxiaoke-k3cloud", "fxiaoke")]
    [InlineData("zoho-k3cloud", "zoho")]
    public void LoadDirectory_K3CloudFolder_HasCustomersOrdersAndOrderStatusBack(string folder, string crm)
    {
        var routes = Engine(folder).Routes;

        Assert.Equal(3, routes.Count);
        Assert.Equal(["BD_Customer", "SAL_SaleOrder"], routes.Where(r => r.SourceSystem == crm).Select(r => r.TargetEntity).Order());
        Assert.All(routes.Where(r => r.SourceSystem == crm), r => Assert.Equal("F_CRM_Id", r.TargetKeyField));
        Assert.Single(routes, r => r.SourceSystem == "k3cloud" && r.SourceEntity == "SAL_SaleOrder" && r.TargetSystem == crm);
    }

    [Fact]
    public void Map_ConfirmedFxiaokeOrderWithLines_GivesK3CloudBillWithCustomerNumberAndMaterialNumbers()
    {
        var order = JsonNode.Parse("""
            {"_id":"so-1","name":"SO-2026-001","account_id":"acc-1","order_status":"7","life_status":"normal","order_time":1764288000000,
             "mc_currency":"CNY","order_amount":"120.50","last_modified_time":1764288000000,
             "SalesOrderProductObj":[{"product_id":"SKU-0001","product_id__r":"Widget","quantity":"2","sales_price":"60.25"}]}
            """)!.AsObject();

        var result = Engine("fxiaoke-k3cloud").Map(Route("fxiaoke-k3cloud", "SalesOrderObj"), order, Lookups);

        Assert.Equal(MapStatus.Mapped, result.Status);
        var doc = result.Document!;
        Assert.Equal("so-1", doc["F_CRM_Id"]?.GetValue<string>());
        Assert.Equal("CUST000001", doc["FCustId"]?["FNumber"]?.GetValue<string>());
        Assert.Equal("XSDD01_SYS", doc["FBillTypeID"]?["FNUMBER"]?.GetValue<string>());
        Assert.Equal("PRE001", doc["FSaleOrderFinance"]?["FSettleCurrId"]?["FNumber"]?.GetValue<string>());
        var line = doc["FSaleOrderEntry"]![0]!;
        Assert.Equal("SKU-0001", line["FMaterialId"]?["FNumber"]?.GetValue<string>());
        Assert.Equal(2m, line["FQty"]!.GetValue<decimal>());
        Assert.Equal(60.25m, line["FTaxPrice"]!.GetValue<decimal>());
    }

    [Fact]
    public void Map_ZohoOrderWithLines_GivesK3CloudBillUsingProductCodes()
    {
        var order = JsonNode.Parse("""
            {"id":"5725767000000100010","SO_Number":"SO-77","Status":"Confirmed","Currency":"CNY","Created_Time":"2026-11-27T02:00:00+00:00",
             "Modified_Time":"2026-11-27T02:00:00+00:00","Account_Name":{"name":"Acme","id":"5725767000000100001"},
             "Ordered_Items":[{"id":"1","Product_Name":{"name":"Widget","id":"9","Product_Code":"W-1"},"Quantity":2,"List_Price":60.25}]}
            """)!.AsObject();

        var doc = Engine("zoho-k3cloud").Map(Route("zoho-k3cloud", "Sales_Orders"), order, Lookups).Document!;

        Assert.Equal("CUST000002", doc["FCustId"]?["FNumber"]?.GetValue<string>());
        Assert.Equal("Zoho SO-77", doc["FNote"]?.GetValue<string>());
        Assert.Equal("2026-11-27", doc["FDate"]?.GetValue<string>());
        Assert.Equal("W-1", doc["FSaleOrderEntry"]![0]!["FMaterialId"]?["FNumber"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("fxiaoke-k3cloud", "erp_status__c", "tracking_number__c", "invoice_number__c", "invoiced", "shipped", "open")]
    [InlineData("zoho-k3cloud", "Status", "Tracking_Number", "Invoice_Number", "Invoiced", "Shipped", "Confirmed")]
    public void Map_K3CloudOrderSnapshots_GiveFurthestStatusWaybillAndReceivable(string folder, string status, string tracking, string invoice, string invoiced, string shipped, string open)
    {
        var engine = Engine(folder);
        var route = engine.Routes.Single(r => r.SourceSystem == "k3cloud");
        var bare = JsonNode.Parse("""{"FID":100001,"FBillNo":"XSDD000001","F_CRM_Id":"crm-1","FDocumentStatus":"C","FCloseStatus":"A","FCancelStatus":"A"}""")!.AsObject();
        var withShipment = (JsonObject)bare.DeepClone();
        withShipment["Shipment"] = new JsonObject { ["FBillNo"] = "XSCKD000001", ["FCarriageNO"] = "SF0000000001", ["FormId"] = "SAL_OUTSTOCK" };
        var withReceivable = (JsonObject)withShipment.DeepClone();
        withReceivable["Receivable"] = new JsonObject { ["FBillNo"] = "AR000001", ["FormId"] = "AR_receivable" };

        var open1 = engine.Map(route, bare, Lookups).Document!;
        var shipped1 = engine.Map(route, withShipment, Lookups).Document!;
        var invoiced1 = engine.Map(route, withReceivable, Lookups).Document!;

        Assert.Equal(open, open1[status]?.GetValue<string>());
        Assert.Equal(shipped, shipped1[status]?.GetValue<string>());
        Assert.Equal("SF0000000001", shipped1[tracking]?.GetValue<string>());
        Assert.Equal(invoiced, invoiced1[status]?.GetValue<string>());
        Assert.Equal("AR000001", invoiced1[invoice]?.GetValue<string>());
        Assert.Equal("crm-1", invoiced1[route.TargetKeyField]?.GetValue<string>());
    }

    private static SyncRoute Route(string folder, string sourceEntity) => Engine(folder).Routes.Single(r => r.SourceEntity == sourceEntity);

    private static MappingEngine Engine(string folder)
    {
        var result = MappingLoader.LoadDirectory(Path.Combine(RepositoryRoot(), "mappings", folder));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        return new MappingEngine(result.Set!);
    }

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
