using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>Ledger, cross-reference and write-echo paths of the state contract.</summary>
public abstract partial class SyncStateStoreContract<TFixture>
{
    [Fact]
    public async Task GetLedgerAsync_NeverDelivered_ReturnsNull()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.GetLedgerAsync("zoho-account-to-erp", "1", CancellationToken.None));
    }

    [Fact]
    public async Task PutLedgerAsync_ThenGet_ReturnsTheEntry()
    {
        var store = await NewStoreAsync();
        var entry = new LedgerEntry(AwkwardKey, AwkwardKey, null, "sha256:abc", "C-0001", Time.GetUtcNow());

        await store.PutLedgerAsync(entry, CancellationToken.None);

        Assert.Equal(entry, await store.GetLedgerAsync(AwkwardKey, AwkwardKey, CancellationToken.None));
    }

    [Fact]
    public async Task PutLedgerAsync_SameRecordAgain_ReplacesTheEntry()
    {
        var store = await NewStoreAsync();
        await store.PutLedgerAsync(new LedgerEntry("r", "1", "v1", "h1", "T-1", Time.GetUtcNow()), CancellationToken.None);
        var newer = new LedgerEntry("r", "1", "v2", "h2", "T-1", Time.GetUtcNow().AddMinutes(1));

        await store.PutLedgerAsync(newer, CancellationToken.None);

        Assert.Equal(newer, await store.GetLedgerAsync("r", "1", CancellationToken.None));
        Assert.Null(await store.GetLedgerAsync("other-route", "1", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteLedgerAsync_Existing_RemovesItAndMissingIsNoError()
    {
        var store = await NewStoreAsync();
        await store.PutLedgerAsync(new LedgerEntry("r", "1", "v1", "h1", "T-1", Time.GetUtcNow()), CancellationToken.None);

        await store.DeleteLedgerAsync("r", "1", CancellationToken.None);
        await store.DeleteLedgerAsync("r", "1", CancellationToken.None);

        Assert.Null(await store.GetLedgerAsync("r", "1", CancellationToken.None));
    }

    [Fact]
    public async Task PutCrossReferenceAsync_ThenFind_WorksFromBothSides()
    {
        var store = await NewStoreAsync();
        var crm = new RecordRef("zoho", "Accounts", AwkwardKey);
        var erp = new RecordRef("erp", "customers", "C/0001#");

        await store.PutCrossReferenceAsync(new CrossReference(crm, erp), CancellationToken.None);

        Assert.Equal("C/0001#", await store.FindCrossReferenceAsync(crm, "erp", "customers", CancellationToken.None));
        Assert.Equal(AwkwardKey, await store.FindCrossReferenceAsync(erp, "zoho", "Accounts", CancellationToken.None));
        Assert.Null(await store.FindCrossReferenceAsync(crm, "erp", "contacts", CancellationToken.None));
    }

    [Fact]
    public async Task FindCrossReferenceAsync_NeverSynced_ReturnsNull()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.FindCrossReferenceAsync(new RecordRef("zoho", "Accounts", "42"), "erp", "customers", CancellationToken.None));
    }

    [Fact]
    public async Task PutCrossReferenceAsync_SameEntitiesNewPartner_ReplacesBothDirections()
    {
        var store = await NewStoreAsync();
        var crm = new RecordRef("dataverse", "accounts", "guid-1");
        var oldErp = new RecordRef("erp", "customers", "C-1");
        var newErp = new RecordRef("erp", "customers", "C-2");
        await store.PutCrossReferenceAsync(new CrossReference(crm, oldErp), CancellationToken.None);

        await store.PutCrossReferenceAsync(new CrossReference(crm, newErp), CancellationToken.None);

        Assert.Equal("C-2", await store.FindCrossReferenceAsync(crm, "erp", "customers", CancellationToken.None));
        Assert.Equal("guid-1", await store.FindCrossReferenceAsync(newErp, "dataverse", "accounts", CancellationToken.None));
        Assert.Null(await store.FindCrossReferenceAsync(oldErp, "dataverse", "accounts", CancellationToken.None));
    }

    [Fact]
    public async Task PutCrossReferenceAsync_OtherEntityPair_KeepsBoth()
    {
        var store = await NewStoreAsync();
        var crm = new RecordRef("zoho", "Accounts", "1");
        await store.PutCrossReferenceAsync(new CrossReference(crm, new RecordRef("erp", "customers", "C-1")), CancellationToken.None);

        await store.PutCrossReferenceAsync(new CrossReference(new RecordRef("erp", "debtors", "D-1"), crm), CancellationToken.None);

        Assert.Equal("C-1", await store.FindCrossReferenceAsync(crm, "erp", "customers", CancellationToken.None));
        Assert.Equal("D-1", await store.FindCrossReferenceAsync(crm, "erp", "debtors", CancellationToken.None));
    }

    [Fact]
    public async Task PutEchoAsync_ThenGet_ReturnsLatestWrite()
    {
        var store = await NewStoreAsync();
        var record = new RecordRef("zoho", AwkwardKey, AwkwardKey);
        await store.PutEchoAsync(new WriteEcho(record, "v1", "h1", Time.GetUtcNow()), CancellationToken.None);
        var latest = new WriteEcho(record, null, "h2", Time.GetUtcNow().AddSeconds(3));

        await store.PutEchoAsync(latest, CancellationToken.None);

        Assert.Equal(latest, await store.GetEchoAsync(record, CancellationToken.None));
        Assert.Null(await store.GetEchoAsync(record with { Id = "other" }, CancellationToken.None));
    }
}
