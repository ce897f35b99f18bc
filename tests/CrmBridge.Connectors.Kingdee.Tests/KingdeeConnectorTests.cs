using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>Orders with lines: create, update by entry id, audited bills, concurrent first syncs, batches.</summary>
public sealed class KingdeeConnectorTests
{
    [Fact]
    public async Task UpsertAsync_NewOrderWithLines_CreatesBillReadableWithEntries()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();

        var result = await bed.UpsertOrderAsync("SO-1", KingdeeTestBed.Order(customer, ("M-001", 2), ("M-002", 3)));

        Assert.True(result.Created);
        Assert.StartsWith("XSDD", result.Id, StringComparison.Ordinal);
        Assert.NotNull(result.Version);
        var read = await bed.Connector.GetAsync("SAL_SaleOrder", result.Id, CancellationToken.None);
        Assert.Equal(customer, read!.Data["FCustId"]?["FNumber"]?.GetValue<string>());
        Assert.Equal("SO-1", read.Data["F_CRM_Id"]?.GetValue<string>());
        var lines = read.Data["FSaleOrderEntry"]!.AsArray();
        Assert.Equal(2, lines.Count);
        Assert.Equal("M-002", lines[1]!["FMaterialId"]?["FNumber"]?.GetValue<string>());
        Assert.Equal(result.Version, read.Version);
    }

    [Fact]
    public async Task UpsertAsync_ExistingOrderWithFewerLines_UpdatesFirstEntryByIdAndDeletesTheRest()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();
        var created = await bed.UpsertOrderAsync("SO-2", KingdeeTestBed.Order(customer, ("M-001", 2), ("M-002", 3)));
        var firstEntry = bed.Sandbox.GetBill("SAL_SaleOrder", created.Id)!["FSaleOrderEntry"]![0]!["FEntryID"]!.GetValue<long>();

        var updated = await bed.UpsertOrderAsync("SO-2", KingdeeTestBed.Order(customer, ("M-002", 5)));

        Assert.False(updated.Created);
        Assert.Equal(created.Id, updated.Id);
        var lines = bed.Sandbox.GetBill("SAL_SaleOrder", created.Id)!["FSaleOrderEntry"]!.AsArray();
        var line = Assert.Single(lines);
        Assert.Equal(firstEntry, line!["FEntryID"]!.GetValue<long>());
        Assert.Equal(5m, line["FQty"]!.GetValue<decimal>());
        Assert.Equal(1, bed.Sandbox.Count("SAL_SaleOrder"));
    }

    [Fact]
    public async Task UpsertAsync_AuditedOrder_ThrowsPermanentThatSaysItIsAuditedAndWhatToDo()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();
        var created = await bed.UpsertOrderAsync("SO-3", KingdeeTestBed.Order(customer, ("M-001", 1)));
        bed.Sandbox.AuditBill("SAL_SaleOrder", created.Id);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.UpsertOrderAsync("SO-3", KingdeeTestBed.Order(customer, ("M-001", 4))));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("K3_AUDITED", error.ErrorCode);
        Assert.Contains($"sales order {created.Id} is audited in K3Cloud", error.Message, StringComparison.Ordinal);
        Assert.Contains("UnAuditToUpdate", error.Message, StringComparison.Ordinal);
        Assert.Equal(1m, bed.Sandbox.GetBill("SAL_SaleOrder", created.Id)!["FSaleOrderEntry"]![0]!["FQty"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task UpsertAsync_AuditedOrderWhenUnAuditAllowed_UnAuditsSavesAndAuditsAgain()
    {
        await using var bed = await KingdeeTestBed.StartAsync(new Dictionary<string, string?> { ["Forms:SAL_SaleOrder:UnAuditToUpdate"] = "true" });
        var customer = await bed.CustomerAsync();
        var created = await bed.UpsertOrderAsync("SO-4", KingdeeTestBed.Order(customer, ("M-001", 1)));
        bed.Sandbox.AuditBill("SAL_SaleOrder", created.Id);

        var updated = await bed.UpsertOrderAsync("SO-4", KingdeeTestBed.Order(customer, ("M-001", 4)));

        Assert.Equal(created.Id, updated.Id);
        var bill = bed.Sandbox.GetBill("SAL_SaleOrder", created.Id)!;
        Assert.Equal("C", bill["FDocumentStatus"]!.GetValue<string>());
        Assert.Equal(4m, bill["FSaleOrderEntry"]![0]!["FQty"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task UpsertBatchAsync_OneOrderWithUnknownMaterial_FailsOnlyThatItemNamingTheField()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();
        var requests = new[]
        {
            new UpsertRequest("SAL_SaleOrder", "F_CRM_Id", "B-1", KingdeeTestBed.Order(customer, ("M-001", 1))),
            new UpsertRequest("SAL_SaleOrder", "F_CRM_Id", "B-2", KingdeeTestBed.Order(customer, ("NO-SUCH", 1))),
            new UpsertRequest("SAL_SaleOrder", "F_CRM_Id", "B-3", KingdeeTestBed.Order(customer, ("M-002", 1))),
        };

        var results = await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.True(results[0].Succeeded);
        Assert.True(results[2].Succeeded);
        Assert.Equal(ErrorKind.Permanent, results[1].Error!.Kind);
        Assert.Equal("K3_MSG_11", results[1].Error!.ErrorCode);
        Assert.Contains("FMaterialId", results[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, bed.Sandbox.Count("SAL_SaleOrder"));
    }

    [Fact]
    public async Task UpsertAsync_TwoConcurrentFirstSyncsOfOneOrder_CreateOneBill()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();

        var results = await Task.WhenAll(
            bed.UpsertOrderAsync("SO-5", KingdeeTestBed.Order(customer, ("M-001", 1))),
            bed.UpsertOrderAsync("SO-5", KingdeeTestBed.Order(customer, ("M-001", 1))));

        Assert.Equal(results[0].Id, results[1].Id);
        Assert.Single(results, r => r.Created);
        Assert.Equal(1, bed.Sandbox.Count("SAL_SaleOrder"));
    }

    [Fact]
    public async Task UpsertAsync_AuditedCustomerRedeliveredUnchanged_LeavesItAuditedWithOneCall()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var data = new JsonObject { ["FName"] = "Same", ["FCreateOrgId"] = new JsonObject { ["FNumber"] = "100" } };
        var first = await bed.Connector.UpsertAsync(new UpsertRequest("BD_Customer", "F_CRM_Id", "RE-1", data), CancellationToken.None);
        var before = bed.Sandbox.GetBill("BD_Customer", first.Id)!;
        var calls = bed.Sandbox.RequestCount;

        var again = await bed.Connector.UpsertAsync(new UpsertRequest("BD_Customer", "F_CRM_Id", "RE-1", (JsonObject)data.DeepClone()), CancellationToken.None);

        Assert.Equal(new UpsertResult(first.Id, false, first.Version), again);
        Assert.Equal(calls + 1, bed.Sandbox.RequestCount);
        var after = bed.Sandbox.GetBill("BD_Customer", first.Id)!;
        Assert.Equal("C", after["FDocumentStatus"]!.GetValue<string>());
        Assert.Equal(before["FModifyDate"]!.GetValue<string>(), after["FModifyDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_KeyFieldOtherThanConfigured_ThrowsPermanentNamingTheSetting()
    {
        await using var bed = await KingdeeTestBed.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.UpsertAsync(
            new UpsertRequest("BD_Customer", "externalId", "X", new JsonObject { ["FName"] = "n" }), CancellationToken.None));

        Assert.Equal("UNSUPPORTED_KEY", error.ErrorCode);
        Assert.Contains("Forms:BD_Customer:KeyField", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_AuditedOrderWithoutUnAudit_ThrowsPermanent()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();
        var created = await bed.UpsertOrderAsync("SO-6", KingdeeTestBed.Order(customer, ("M-001", 1)));
        bed.Sandbox.AuditBill("SAL_SaleOrder", created.Id);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.DeleteAsync("SAL_SaleOrder", created.Id, CancellationToken.None));

        Assert.Equal("K3_AUDITED", error.ErrorCode);
        Assert.NotNull(bed.Sandbox.GetBill("SAL_SaleOrder", created.Id));
    }
}
