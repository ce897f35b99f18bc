using System.Text.Json.Nodes;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>The shipped mappings/fxiaoke files: they load, and they map real sandbox records both ways into writes the sandbox accepts.</summary>
public sealed class FxiaokeDefaultMappingsTests
{
    private static readonly MappingEngine Engine = new(Load());

    [Fact]
    public void LoadDirectory_FxiaokeMappings_AreValidAndCoverBothDirections()
    {
        var routes = Engine.Routes.Select(r => $"{r.SourceSystem}/{r.SourceEntity}->{r.TargetSystem}/{r.TargetEntity}").Order();

        Assert.Equal(
        [
            "erp/cases->fxiaoke/CasesObj", "erp/salesOrders->fxiaoke/SalesOrderObj", "fxiaoke/AccountObj->erp/customers",
            "fxiaoke/CasesObj->erp/cases", "fxiaoke/SalesOrderObj->erp/salesOrders",
        ], routes);
        Assert.All(Engine.Routes, r => Assert.StartsWith("fxiaoke-", r.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Map_PolledOrderWithLines_GivesErpOrderWithLinesAndCustomerLookup()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var account = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Map Co" });
        host.Sandbox.CreateRecord("SalesOrderObj", new()
        {
            ["account_id"] = account, ["order_status"] = "7", ["order_amount"] = "300.50",
            ["order_time"] = new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
        }, [new JsonObject { ["product_id"] = "SKU-1", ["quantity"] = "3", ["sales_price"] = "100.1666" }]);
        var snapshot = (await host.Connector.GetChangesAsync("SalesOrderObj", null, CancellationToken.None)).Changes.Single().Snapshot!;
        var lookups = new DictionaryLookupResolver(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["customer"] = new Dictionary<string, string> { [account] = "C-000001" },
        });

        var result = Engine.Map(Route("fxiaoke-sales-order-to-erp-sales-order"), snapshot, lookups);

        Assert.Equal(MapStatus.Mapped, result.Status);
        var doc = result.Document!;
        Assert.Equal("C-000001", doc["customerId"]!.GetValue<string>());
        Assert.Equal("2026-11-27", doc["orderDate"]!.GetValue<string>()); // 20:00 UTC is the next day in Shanghai
        Assert.Equal(300.5m, doc["total"]!.GetValue<decimal>());
        Assert.Null(doc["status"]); // ERP-owned
        var line = doc["lines"]!.AsArray().Single()!;
        Assert.Equal("SKU-1", line["sku"]!.GetValue<string>());
        Assert.Equal(3m, line["quantity"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Map_ShippedErpOrder_WritesBackToSalesOrderAcceptedBySandbox()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var account = host.Sandbox.CreateRecord("AccountObj", new() { ["name"] = "Back Co" });
        var order = host.Sandbox.CreateRecord("SalesOrderObj", new() { ["account_id"] = account, ["order_status"] = "7" });
        var erp = new JsonObject
        {
            ["id"] = "SO-000001", ["externalId"] = order, ["status"] = "SHIPPED", ["trackingNumber"] = "SF100", ["invoiceNumber"] = "INV-9",
            ["version"] = 3,
        };
        var route = Route("fxiaoke-erp-sales-order-to-sales-order");

        var result = Engine.Map(route, erp, DictionaryLookupResolver.Empty);
        var write = await host.Connector.UpsertAsync(new UpsertRequest(route.TargetEntity, route.TargetKeyField, order, result.Document!), CancellationToken.None);

        Assert.Equal(order, write.Id);
        var stored = host.Sandbox.GetRecord("SalesOrderObj", order)!;
        Assert.Equal("shipped", stored["erp_status__c"]!.GetValue<string>());
        Assert.Equal("SF100", stored["tracking_number__c"]!.GetValue<string>());
        Assert.Equal("INV-9", stored["invoice_number__c"]!.GetValue<string>());
    }

    [Fact]
    public async Task Map_ResolvedErpCase_WritesResolutionToTicket()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        var ticket = host.Sandbox.CreateRecord("CasesObj", new() { ["name"] = "Broken lid", ["priority"] = "1" });
        var route = Route("fxiaoke-erp-case-to-case");

        var result = Engine.Map(route, new JsonObject { ["externalId"] = ticket, ["status"] = "RESOLVED", ["resolution"] = "Replaced", ["version"] = 2 }, DictionaryLookupResolver.Empty);
        await host.Connector.UpsertAsync(new UpsertRequest(route.TargetEntity, route.TargetKeyField, ticket, result.Document!), CancellationToken.None);

        var stored = host.Sandbox.GetRecord("CasesObj", ticket)!;
        Assert.Equal("3", stored["case_status"]!.GetValue<string>());
        Assert.Equal("Replaced", stored["resolution__c"]!.GetValue<string>());
    }

    [Fact]
    public void Map_UnconfirmedOrder_IsFiltered()
    {
        var result = Engine.Map(Route("fxiaoke-sales-order-to-erp-sales-order"), new JsonObject { ["_id"] = "x", ["name"] = "SO1", ["order_status"] = "1" }, DictionaryLookupResolver.Empty);

        Assert.Equal(MapStatus.Filtered, result.Status);
    }

    internal static string MappingsDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "mappings", "fxiaoke");
    }

    private static MappingSet Load()
    {
        var result = MappingLoader.LoadDirectory(MappingsDirectory());
        return result.IsValid ? result.Set! : throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
    }

    private static SyncRoute Route(string name) => Engine.Set.Find(name)!;
}
