using System.Text.Json.Nodes;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The shipped CRM ↔ staging-table mappings load, and map records as the CRMs and the ERP outbox shape them.</summary>
public sealed class StagingMappingsTests
{
    private static readonly DictionaryLookupResolver Lookups = new(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["customer"] = new Dictionary<string, string> { ["5725767000000100001"] = "5725767000000100001" },
    });

    private static MappingEngine Load(string folder)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CrmBridge.sln")))
        {
            directory = directory.Parent;
        }

        var result = MappingLoader.LoadDirectory(Path.Combine(directory!.FullName, "mappings", folder));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        return new MappingEngine(result.Set!);
    }

    [Theory]
    [InlineData("zoho-staging", "zoho")]
    [InlineData("dataverse-staging", "dataverse")]
    public void LoadDirectory_StagingFolder_ThreeRoutesOutTwoBack(string folder, string crm)
    {
        var routes = Load(folder).Routes;

        Assert.Equal(["case", "customer", "sales_order"], routes.Where(r => r.SourceSystem == crm).Select(r => r.TargetEntity).Order());
        Assert.All(routes.Where(r => r.SourceSystem == crm), r => Assert.Equal("staging", r.TargetSystem));
        Assert.Equal(["case", "sales_order"], routes.Where(r => r.SourceSystem == "staging").Select(r => r.SourceEntity).Order());
    }

    [Fact]
    public void Map_ZohoConfirmedOrder_StagedPayloadCarriesLinesWithSku()
    {
        var engine = Load("zoho-staging");
        var order = JsonNode.Parse("""
            {"id":"5725767000000100010","SO_Number":"SO-77","Status":"Confirmed","Currency":"CNY","Grand_Total":120.5,
             "Created_Time":"2026-11-27T02:00:00+00:00","Modified_Time":"2026-11-27T02:00:00+00:00",
             "Account_Name":{"name":"Acme","id":"5725767000000100001"},
             "Ordered_Items":[{"id":"1","Product_Name":{"name":"Widget","id":"9","Product_Code":"W-1"},"Quantity":2,"List_Price":60.25,"Discount":0,"Net_Total":120.5}]}
            """)!.AsObject();

        var result = engine.Map(engine.Routes.Single(r => r.TargetEntity == "sales_order"), order, Lookups);

        Assert.Equal(MapStatus.Mapped, result.Status);
        Assert.Equal("5725767000000100001", result.Document!["customerId"]!.GetValue<string>());
        Assert.Equal("W-1", result.Document["lines"]![0]!["sku"]!.GetValue<string>());
    }

    [Fact]
    public void Map_OutboxShipmentSnapshot_ZohoOrderGetsStatusAndTracking()
    {
        var engine = Load("zoho-staging");
        var snapshot = JsonNode.Parse("""
            {"externalId":"5725767000000100010","erpNumber":"XSDD000007","status":"SHIPPED","trackingNumber":"SF1234567890",
             "carrier":"顺丰速运","invoiceNumber":null,"version":2,
             "_outbox":{"seq":12,"type":"shipment","erpId":"7","businessKey":"5725767000000100010","changeType":"updated"}}
            """)!.AsObject();

        var result = engine.Map(engine.Routes.Single(r => r.SourceSystem == "staging" && r.SourceEntity == "sales_order"), snapshot, Lookups);

        Assert.Equal(MapStatus.Mapped, result.Status);
        Assert.Equal("Shipped", result.Document!["Status"]!.GetValue<string>());
        Assert.Equal("SF1234567890", result.Document["Tracking_Number"]!.GetValue<string>());
    }
}
