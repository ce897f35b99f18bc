using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>What a delete leaves in the state contract: ledger tombstones under retention, no cross-reference.</summary>
public abstract partial class SyncStateStoreContract<TFixture>
{
    [Fact]
    public async Task PutLedgerAsync_Tombstone_IsReadBackAsATombstone()
    {
        var store = await NewStoreAsync();

        await store.PutLedgerAsync(LedgerEntry.Tombstone("r", AwkwardKey, null, Time.GetUtcNow()), CancellationToken.None);

        var read = await store.GetLedgerAsync("r", AwkwardKey, CancellationToken.None);
        Assert.True(read!.IsTombstone);
        Assert.Equal((null, "", Time.GetUtcNow()), (read.SourceVersion, read.TargetId, read.DeliveredAt));
    }

    [Fact]
    public async Task PurgeTombstonesAsync_OlderThanTheCutOff_RemovesOnlyThoseTombstones()
    {
        var store = await NewStoreAsync();
        var cutOff = Time.GetUtcNow();
        await store.PutLedgerAsync(LedgerEntry.Tombstone("r", "old", "T-1", cutOff.AddDays(-1)), CancellationToken.None);
        await store.PutLedgerAsync(LedgerEntry.Tombstone("r", "recent", "T-2", cutOff.AddMinutes(1)), CancellationToken.None);
        await store.PutLedgerAsync(new LedgerEntry("r", "delivered", "v1", "h1", "T-3", cutOff.AddDays(-1)), CancellationToken.None);

        var purged = await store.PurgeTombstonesAsync(cutOff, CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Null(await store.GetLedgerAsync("r", "old", CancellationToken.None));
        Assert.NotNull(await store.GetLedgerAsync("r", "recent", CancellationToken.None));
        Assert.NotNull(await store.GetLedgerAsync("r", "delivered", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteCrossReferenceAsync_Existing_RemovesBothDirectionsAndKeepsOthers()
    {
        var store = await NewStoreAsync();
        var crm = new RecordRef("zoho", "Accounts", AwkwardKey);
        var erp = new RecordRef("erp", "customers", "C/0001#");
        var contact = new RecordRef("erp", "contacts", "P-1");
        await store.PutCrossReferenceAsync(new CrossReference(crm, erp), CancellationToken.None);
        await store.PutCrossReferenceAsync(new CrossReference(crm, contact), CancellationToken.None);

        await store.DeleteCrossReferenceAsync(crm, "erp", "customers", CancellationToken.None);
        await store.DeleteCrossReferenceAsync(crm, "erp", "customers", CancellationToken.None);

        Assert.Null(await store.FindCrossReferenceAsync(crm, "erp", "customers", CancellationToken.None));
        Assert.Null(await store.FindCrossReferenceAsync(erp, "zoho", "Accounts", CancellationToken.None));
        Assert.Equal("P-1", await store.FindCrossReferenceAsync(crm, "erp", "contacts", CancellationToken.None));
        Assert.Equal(AwkwardKey, await store.FindCrossReferenceAsync(contact, "zoho", "Accounts", CancellationToken.None));
    }
}
