using System.Text.Json.Nodes;
using CrmBridge.Connectors.Dataverse;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Sandbox.BusinessCentral;
using CrmBridge.Sandbox.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>
/// The shipped mappings in mappings/dataverse-businesscentral load, and map records exactly as the two connectors read
/// them into writes both emulators accept: accounts and orders into Business Central, status, shipment and invoice back.
/// </summary>
public sealed class BusinessCentralMappingsTests
{
    private static readonly Lazy<MappingEngine> Engine = new(() => new MappingEngine(MappingLoader.LoadDirectory(MappingsDirectory()).GetSetOrThrow()));

    internal static string MappingsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "mappings", "dataverse-businesscentral");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("mappings/dataverse-businesscentral not found above the test output folder");
    }

    private static (SyncRoute Route, MapResult Result) Map(string name, JsonObject source, IReadOnlyDictionary<string, string>? customers = null)
    {
        var route = Engine.Value.Set.Find(name) ?? throw new InvalidOperationException($"mapping {name} missing");
        var tables = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["customer"] = customers ?? new Dictionary<string, string>() };
        return (route, Engine.Value.Map(route, source, new DictionaryLookupResolver(tables)));
    }

    /// <summary>Turns a mapped document into the upsert the sync stage sends (key taken out of the body).</summary>
    private static UpsertRequest Request(SyncRoute route, MapResult result)
    {
        Assert.Equal(MapStatus.Mapped, result.Status);
        var document = result.Document!;
        var key = document[route.TargetKeyField]!.ToString();
        document.Remove(route.TargetKeyField);
        return new UpsertRequest(route.TargetEntity, route.TargetKeyField, key, document);
    }

    private static (ICrmConnector Connector, ServiceProvider Services) Dataverse(DataverseSandbox sandbox)
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCrmBridgeDataverseConnector(configure: o =>
        {
            o.EnvironmentUrl = sandbox.BaseAddress;
            o.AuthMode = DataverseAuthMode.TokenEndpoint;
            o.TokenEndpoint = sandbox.TokenEndpoint("t");
            o.ClientId = "sandbox-client";
            o.ClientSecret = "sandbox-secret";
        });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ICrmConnector>(), provider);
    }

    [Fact]
    public void LoadDirectory_DataverseBusinessCentralMappings_AreValidWithFiveRoutes()
    {
        var result = MappingLoader.LoadDirectory(MappingsDirectory());

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal(5, result.Set!.Routes.Count);
        Assert.Equal(2, result.Set.Routes.Count(r => r.TargetSystem == "businesscentral"));
        Assert.Equal(3, result.Set.Routes.Count(r => r.SourceSystem == "businesscentral"));
    }

    [Fact]
    public async Task Map_AccountAndOrderReadFromDataverse_AreAcceptedByBusinessCentral()
    {
        await using var dataverse = await DataverseSandbox.StartAsync(new DataverseSandboxOptions(), CancellationToken.None);
        await using var bc = await BusinessCentralTestHost.StartAsync();
        var (crm, crmServices) = Dataverse(dataverse);
        var (erp, erpServices) = BusinessCentralTestHost.Build(bc);
        await using var _ = crmServices;
        await using var __ = erpServices;
        var account = dataverse.Create("accounts", new JsonObject { ["name"] = " Fabrikam GmbH ", ["accountnumber"] = "ACC-1001", ["address1_country"] = "Germany", ["emailaddress1"] = "Buy@Fabrikam.example" });
        var order = dataverse.Create("salesorders", new JsonObject { ["name"] = "O", ["ordernumber"] = "ORD-01001-X1Y2", ["statecode"] = 1, ["customerid_account@odata.bind"] = $"/accounts({account})" });
        dataverse.Create("salesorderdetails", new JsonObject { ["salesorderid@odata.bind"] = $"/salesorders({order})", ["lineitemnumber"] = 1, ["quantity"] = 3, ["priceperunit"] = 10.5m, ["productdescription"] = "Widget" });

        var (customerRoute, customerMap) = Map("dataverse-account-to-bc-customer", (await crm.GetAsync("accounts", account.ToString(), CancellationToken.None))!.Data);
        var customer = await erp.UpsertAsync(Request(customerRoute, customerMap), CancellationToken.None);
        var (orderRoute, orderMap) = Map("dataverse-salesorder-to-bc-sales-order", (await crm.GetAsync("salesorders", order.ToString(), CancellationToken.None))!.Data,
            new Dictionary<string, string> { [account.ToString()] = customer.Id });
        var written = await erp.UpsertAsync(Request(orderRoute, orderMap), CancellationToken.None);

        var storedCustomer = bc.Get("customers", Guid.Parse(customer.Id))!;
        Assert.Equal(("ACC-1001", "Fabrikam GmbH", "DE", "buy@fabrikam.example"),
            (storedCustomer["number"]!.GetValue<string>(), storedCustomer["displayName"]!.GetValue<string>(), storedCustomer["country"]!.GetValue<string>(), storedCustomer["email"]!.GetValue<string>()));
        var storedOrder = bc.Get("salesOrders", Guid.Parse(written.Id))!;
        Assert.Equal(("ORD-01001-X1Y2", "ACC-1001"), (storedOrder["externalDocumentNumber"]!.GetValue<string>(), storedOrder["customerNumber"]!.GetValue<string>()));
        var line = Assert.Single(storedOrder["salesOrderLines"]!.AsArray())!;
        Assert.Equal(("Account", "Widget", 3m, 10.5m), (line["lineType"]!.GetValue<string>(), line["description"]!.GetValue<string>(), line["quantity"]!.GetValue<decimal>(), line["unitPrice"]!.GetValue<decimal>()));
        Assert.Equal(31.5m, storedOrder["totalAmountIncludingTax"]!.GetValue<decimal>());
    }

    [Fact]
    public void Map_DraftOrInvoicedOrderAndAccountWithoutNumber_AreFiltered()
    {
        Assert.Equal(MapStatus.Filtered, Map("dataverse-salesorder-to-bc-sales-order", new JsonObject { ["salesorderid"] = Guid.NewGuid().ToString(), ["ordernumber"] = "D-1", ["statecode"] = 0 }).Result.Status);
        Assert.Equal(MapStatus.Filtered, Map("dataverse-account-to-bc-customer", new JsonObject { ["accountid"] = Guid.NewGuid().ToString(), ["name"] = "No number", ["statecode"] = 0 }).Result.Status);
        Assert.Equal(MapStatus.Filtered, Map("dataverse-salesorder-to-bc-sales-order", new JsonObject
        {
            ["salesorderid"] = Guid.NewGuid().ToString(), ["ordernumber"] = "I-1", ["statecode"] = 1, ["new_erpstatus"] = 100000002, ["_customerid_value"] = Guid.NewGuid().ToString(),
        }).Result.Status);
    }

    [Fact]
    public async Task Map_ShippedAndInvoicedInBusinessCentral_WritesStatusTrackingAndInvoiceBackToDataverse()
    {
        await using var dataverse = await DataverseSandbox.StartAsync(new DataverseSandboxOptions(), CancellationToken.None);
        await using var bc = await BusinessCentralTestHost.StartAsync();
        var (crm, crmServices) = Dataverse(dataverse);
        var (erp, erpServices) = BusinessCentralTestHost.Build(bc, o => o.TrackingApiPath = "api/contoso/shipping/v1.0");
        await using var _ = crmServices;
        await using var __ = erpServices;
        var dvOrder = dataverse.Create("salesorders", new JsonObject { ["name"] = "Ship me", ["ordernumber"] = "ORD-02002-A1B2", ["statecode"] = 1 });
        var customer = bc.Create("customers", new JsonObject { ["displayName"] = "Back Co" });
        var order = bc.Create("salesOrders", new JsonObject
        {
            ["customerId"] = customer.ToString(), ["externalDocumentNumber"] = "ORD-02002-A1B2",
            ["salesOrderLines"] = new JsonArray(new JsonObject { ["lineType"] = "Item", ["lineObjectNumber"] = "1896-S", ["quantity"] = 1 }),
        });

        async Task WriteBackAsync(string mapping, string entity, Guid id)
        {
            var (route, result) = Map(mapping, (await erp.GetAsync(entity, id.ToString(), CancellationToken.None))!.Data);
            await crm.UpsertAsync(Request(route, result), CancellationToken.None);
        }

        await WriteBackAsync("dataverse-bc-sales-order-to-salesorder", "salesOrders", order);
        var open = dataverse.Get("salesorders", dvOrder)!["new_erpstatus"]!.GetValue<int>();
        bc.ShipOrder(order, "1Z999AA10123456784", "UPS");
        var afterShipping = Map("dataverse-bc-sales-order-to-salesorder", (await erp.GetAsync("salesOrders", order.ToString(), CancellationToken.None))!.Data).Result.Status;
        var shipment = (await BusinessCentralTestHost.DrainAsync(erp, "salesShipments", null)).Changes.Single();
        await WriteBackAsync("dataverse-bc-sales-shipment-to-salesorder", "salesShipments", Guid.Parse(shipment.Id));
        var invoiceNumber = bc.InvoiceOrder(order);
        var invoice = (await BusinessCentralTestHost.DrainAsync(erp, "salesInvoices", null)).Changes.Single();
        await WriteBackAsync("dataverse-bc-sales-invoice-to-salesorder", "salesInvoices", Guid.Parse(invoice.Id));

        var stored = dataverse.Get("salesorders", dvOrder)!;
        Assert.Equal(100000000, open);
        Assert.Equal(MapStatus.Filtered, afterShipping); // a shipped order writes no status: Invoiced comes from the invoice only
        Assert.Equal("1Z999AA10123456784", stored["new_trackingnumber"]!.GetValue<string>());
        Assert.Equal(invoiceNumber, stored["new_invoicenumber"]!.GetValue<string>());
        Assert.Equal(100000002, stored["new_erpstatus"]!.GetValue<int>());
    }
}
