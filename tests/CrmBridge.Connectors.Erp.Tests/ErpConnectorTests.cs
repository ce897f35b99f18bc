using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>ERP-specific connector behaviour beyond the shared contract: validation, versions, keys.</summary>
public sealed partial class ErpConnectorTests(ErpConnectorFixture fixture) : IClassFixture<ErpConnectorFixture>
{
    private IConnector Connector => fixture.Connector;

    [Fact]
    public async Task UpsertAsync_OrderWithUnknownCustomer_ThrowsPermanentUnknownCustomer()
    {
        var key = ErpTestServices.NewKey("SO");
        var order = Order("C-999999", 1);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Connector.UpsertAsync(new UpsertRequest(ErpEntities.SalesOrders, "externalId", key, order), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("UNKNOWN_CUSTOMER", error.ErrorCode);
        Assert.Equal(400, error.HttpStatus);
        Assert.Contains("customerId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_OrderLineWithZeroQuantity_ThrowsInvalidValueNamingTheLine()
    {
        var customer = await CreateCustomerAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.UpsertAsync(
            new UpsertRequest(ErpEntities.SalesOrders, "externalId", ErpTestServices.NewKey("SO"), Order(customer, 0)), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("INVALID_VALUE", error.ErrorCode);
        Assert.Contains("lines[0].quantity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_UnknownSegment_ThrowsInvalidValue()
    {
        var data = new JsonObject { ["name"] = "Segment Probe", ["segment"] = "PLATINUM" };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Customers, "externalId", ErpTestServices.NewKey(), data), CancellationToken.None));

        Assert.Equal("INVALID_VALUE", error.ErrorCode);
        Assert.Contains("segment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_ValidOrder_CreatesWithLinesAndVersionOne()
    {
        var customer = await CreateCustomerAsync();
        var key = ErpTestServices.NewKey("SO");

        var result = await Connector.UpsertAsync(new UpsertRequest(ErpEntities.SalesOrders, "externalId", key, Order(customer, 3)), CancellationToken.None);
        var read = await Connector.GetAsync(ErpEntities.SalesOrders, result.Id, CancellationToken.None);

        Assert.True(result.Created);
        Assert.StartsWith("SO-", result.Id, StringComparison.Ordinal);
        Assert.Equal("1", result.Version);
        Assert.Equal("OPEN", read!.Data["status"]?.GetValue<string>());
        Assert.Equal(key, read.Data["externalId"]?.GetValue<string>());
        Assert.Equal(3m, read.Data["lines"]![0]!["quantity"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task UpsertAsync_ChangedThenIdenticalContent_BumpsVersionOnlyOnChange()
    {
        var key = ErpTestServices.NewKey();
        var first = await Connector.UpsertAsync(new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "V1" }), CancellationToken.None);
        var second = await Connector.UpsertAsync(new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "V2" }), CancellationToken.None);
        var third = await Connector.UpsertAsync(new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "V2" }), CancellationToken.None);

        Assert.Equal(new[] { "1", "2", "2" }, new[] { first.Version!, second.Version!, third.Version! });
        Assert.False(third.Created);
    }

    [Fact]
    public async Task UpsertAsync_StaleIfMatch_ThrowsPermanentVersionConflict()
    {
        var key = ErpTestServices.NewKey();
        await Connector.UpsertAsync(new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "A" }), CancellationToken.None);
        await Connector.UpsertAsync(new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "B" }), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "C" }, IfMatch: "1"), CancellationToken.None));
        var current = await Connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "C" }, IfMatch: "2"), CancellationToken.None);

        Assert.Equal("VERSION_CONFLICT", error.ErrorCode);
        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("3", current.Version);
    }

    [Fact]
    public async Task UpsertAsync_KeyFieldOtherThanConfigured_ThrowsPermanentWithoutCallingTheErp()
    {
        var before = fixture.Sandbox.RequestCount;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Customers, "accountNumber", "A-1", new JsonObject { ["name"] = "Key" }), CancellationToken.None));

        Assert.Equal("UNSUPPORTED_KEY", error.ErrorCode);
        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal(before, fixture.Sandbox.RequestCount);
    }

    [Fact]
    public async Task UpsertAsync_ExternalIdWithSlash_RoundTrips()
    {
        var key = "crm/acct/" + Guid.NewGuid().ToString("N")[..8];

        var result = await Connector.UpsertAsync(new UpsertRequest(ErpEntities.Customers, "externalId", key, new JsonObject { ["name"] = "Slash" }), CancellationToken.None);

        Assert.Equal(key, fixture.Sandbox.GetRecord(ErpEntities.Customers, result.Id)?["externalId"]?.GetValue<string>());
    }

    [Fact]
    public void AddCrmBridgeErpConnector_Registered_ExposesConnectorAsIConnectorWithSystemName()
    {
        var connectors = fixture.Services.GetServices<IConnector>().ToList();

        Assert.Single(connectors);
        Assert.Equal("erp", connectors[0].System);
        Assert.IsAssignableFrom<IErpConnector>(connectors[0]);
    }

    internal static JsonObject Order(string customerId, decimal quantity) => new()
    {
        ["orderNumber"] = "ORD-" + Guid.NewGuid().ToString("N")[..6],
        ["customerId"] = customerId,
        ["orderDate"] = "2026-11-27",
        ["currency"] = "CNY",
        ["total"] = 100.5m,
        ["lines"] = new JsonArray(new JsonObject { ["lineNo"] = 1, ["sku"] = "SKU-1", ["quantity"] = quantity, ["unitPrice"] = 33.5m }),
    };

    private async Task<string> CreateCustomerAsync()
    {
        var result = await Connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Customers, "externalId", ErpTestServices.NewKey(), new JsonObject { ["name"] = "Order Customer" }), CancellationToken.None);
        return result.Id;
    }
}
