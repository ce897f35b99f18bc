using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Upsert semantics: update-only by id, versions, lookups, concurrency.</summary>
public sealed partial class DataverseConnectorTests
{
    [Fact]
    public async Task UpsertAsync_ByIdOfMissingRecord_ThrowsNotFoundAndCreatesNothing()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.UpsertAsync(
            new UpsertRequest("salesorders", "salesorderid", Guid.NewGuid().ToString(), new JsonObject { ["new_trackingnumber"] = "TRK-1" }), CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(0, sandbox.Count("salesorders", _ => true));
    }

    [Fact]
    public async Task UpsertAsync_ById_ReturnsTheVersionTheChangeFeedThenReports()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var order = sandbox.Create("salesorders", new JsonObject { ["name"] = "Versioned", ["ordernumber"] = "ORD-V" });
        var baseline = await DataverseTestHost.DrainAsync(connector, "salesorders", null);

        var result = await connector.UpsertAsync(new UpsertRequest("salesorders", "salesorderid", order.ToString(),
            new JsonObject { ["salesorderid"] = order.ToString(), ["new_erpstatus"] = 100000001, ["new_trackingnumber"] = "TRK-9" }), CancellationToken.None);
        var after = await DataverseTestHost.DrainAsync(connector, "salesorders", baseline.Checkpoint);
        var read = await connector.GetAsync("salesorders", order.ToString(), CancellationToken.None);

        Assert.False(result.Created);
        Assert.Equal(order.ToString(), result.Id);
        Assert.Equal(result.Version, Assert.Single(after.Changes).Version);
        Assert.Equal(result.Version, read!.Version);
        Assert.Equal("TRK-9", read.Data["new_trackingnumber"]?.GetValue<string>());
        Assert.Equal("Shipped", read.Data["new_erpstatus@OData.Community.Display.V1.FormattedValue"]?.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_LookupBind_SetsTheLookupColumn()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var account = sandbox.Create("accounts", new JsonObject { ["name"] = "Bound" });

        var result = await connector.UpsertAsync(new UpsertRequest("incidents", "ticketnumber", "CAS-1",
            new JsonObject { ["title"] = "Broken", ["customerid_account@odata.bind"] = $"/accounts({account})" }), CancellationToken.None);

        Assert.True(result.Created);
        var stored = sandbox.Get("incidents", Guid.Parse(result.Id))!;
        Assert.Equal(account.ToString(), stored["_customerid_value"]?.GetValue<string>());
        Assert.Equal("CAS-1", stored["ticketnumber"]?.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_StaleIfMatch_ReReadsAndRetriesOnce()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var order = sandbox.Create("salesorders", new JsonObject { ["name"] = "Race" });
        var seen = sandbox.Get("salesorders", order)!["versionnumber"]!.ToString();
        sandbox.Update("salesorders", order, new JsonObject { ["description"] = "edited by a user" });

        var result = await connector.UpsertAsync(new UpsertRequest("salesorders", "salesorderid", order.ToString(),
            new JsonObject { ["new_invoicenumber"] = "INV-1" }, IfMatch: seen), CancellationToken.None);

        var stored = sandbox.Get("salesorders", order)!;
        Assert.Equal("INV-1", stored["new_invoicenumber"]?.GetValue<string>());
        Assert.Equal("edited by a user", stored["description"]?.GetValue<string>());
        Assert.Equal(stored["versionnumber"]!.ToString(), result.Version);
    }

    [Fact]
    public async Task UpsertAsync_FieldThatIsNoKey_ThrowsPermanent()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.UpsertAsync(
            new UpsertRequest("accounts", "telephone1", "123", new JsonObject { ["name"] = "x" }), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("NOT_A_KEY", error.ErrorCode);
    }
}
