using System.Text.Json.Nodes;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The shipped mappings in mappings/dataverse load and map records exactly as the connector reads and writes them.</summary>
public sealed class DataverseMappingsTests
{
    private static readonly Lazy<MappingEngine> Engine = new(() => new MappingEngine(MappingLoader.LoadDirectory(MappingsDirectory()).GetSetOrThrow()));

    internal static string MappingsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "mappings", "dataverse");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("mappings/dataverse not found above the test output folder");
    }

    private static MapResult Map(string name, JsonObject source, string? accountId = null, string? erpCustomer = null)
    {
        var route = Engine.Value.Set.Find(name) ?? throw new InvalidOperationException($"mapping {name} missing");
        var tables = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        if (accountId is not null)
        {
            tables["customer"] = new Dictionary<string, string> { [accountId] = erpCustomer! };
        }

        return Engine.Value.Map(route, source, new DictionaryLookupResolver(tables));
    }

    [Fact]
    public void LoadDirectory_DataverseMappings_AreValidWithFiveRoutes()
    {
        var result = MappingLoader.LoadDirectory(MappingsDirectory());

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal(5, result.Set!.Routes.Count);
        Assert.All(result.Set.Routes, r => Assert.StartsWith("dataverse-", r.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Map_OrderReadByTheConnector_GivesErpOrderWithLinesAndCustomer()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var account = sandbox.Create("accounts", new JsonObject { ["name"] = "Map Co", ["address1_country"] = "China", ["accountcategorycode"] = 1 });
        var order = sandbox.Create("salesorders", new JsonObject
        {
            ["name"] = "O", ["ordernumber"] = "ORD-77", ["totalamount"] = 30.5m, ["statecode"] = 1, ["customerid_account@odata.bind"] = $"/accounts({account})",
        });
        sandbox.Create("salesorderdetails", new JsonObject { ["salesorderid@odata.bind"] = $"/salesorders({order})", ["lineitemnumber"] = 1, ["quantity"] = 3, ["priceperunit"] = 10.5m, ["productdescription"] = "Widget" });

        var accountRecord = await connector.GetAsync("accounts", account.ToString(), CancellationToken.None);
        var orderRecord = await connector.GetAsync("salesorders", order.ToString(), CancellationToken.None);
        var customer = Map("dataverse-account-to-erp-customer", accountRecord!.Data);
        var mapped = Map("dataverse-salesorder-to-erp-sales-order", orderRecord!.Data, account.ToString(), "C-000001");

        Assert.Equal(MapStatus.Mapped, customer.Status);
        Assert.Equal("CN", customer.Document!["address"]!["country"]!.GetValue<string>());
        Assert.Equal("KEY", customer.Document["segment"]!.GetValue<string>());
        Assert.Equal(MapStatus.Mapped, mapped.Status);
        var document = mapped.Document!;
        Assert.Equal(order.ToString(), document["externalId"]!.GetValue<string>());
        Assert.Equal("C-000001", document["customerId"]!.GetValue<string>());
        Assert.Equal("ORD-77", document["orderNumber"]!.GetValue<string>());
        Assert.Null(document["status"]);
        var line = Assert.Single(document["lines"]!.AsArray())!;
        Assert.Equal(3m, line["quantity"]!.GetValue<decimal>());
        Assert.Equal("Widget", line["description"]!.GetValue<string>());
    }

    [Fact]
    public void Map_DraftOrder_IsFiltered()
    {
        var result = Map("dataverse-salesorder-to-erp-sales-order", new JsonObject { ["salesorderid"] = Guid.NewGuid().ToString(), ["ordernumber"] = "D-1", ["statecode"] = 0 });

        Assert.Equal(MapStatus.Filtered, result.Status);
    }

    [Fact]
    public async Task Map_ErpShippedOrder_WritesBackThroughTheConnector()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var order = sandbox.Create("salesorders", new JsonObject { ["name"] = "Ship me", ["statecode"] = 1 });
        var erp = new JsonObject
        {
            ["id"] = "SO-000001", ["externalId"] = order.ToString(), ["status"] = "INVOICED", ["trackingNumber"] = "SF123", ["carrier"] = "SF", ["invoiceNumber"] = "INV-9", ["version"] = 3,
        };

        var mapped = Map("dataverse-erp-sales-order-to-salesorder", erp);
        await connector.UpsertAsync(new UpsertRequest("salesorders", "salesorderid", order.ToString(), mapped.Document!), CancellationToken.None);

        var stored = sandbox.Get("salesorders", order)!;
        Assert.Equal(100000002, stored["new_erpstatus"]!.GetValue<int>());
        Assert.Equal("SF123", stored["new_trackingnumber"]!.GetValue<string>());
        Assert.Equal("INV-9", stored["new_invoicenumber"]!.GetValue<string>());
    }

    [Fact]
    public void Map_ErpResolvedCase_GivesIncidentResolution()
    {
        var incident = Guid.NewGuid().ToString();

        var result = Map("dataverse-erp-case-to-incident", new JsonObject { ["id"] = "AS-000001", ["externalId"] = incident, ["status"] = "RESOLVED", ["resolution"] = "Replaced" });

        Assert.Equal(MapStatus.Mapped, result.Status);
        Assert.Equal("100000002", result.Document!["new_erpstatus"]!.ToJsonString());
        Assert.Equal("Replaced", result.Document["new_resolution"]!.GetValue<string>());
        Assert.Equal(incident, result.Document["incidentid"]!.GetValue<string>());
    }
}
