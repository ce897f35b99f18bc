using CrmBridge.Connectors;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>Record leases shared by hosts on one store (issue 11: two hosts never work on one record at once).</summary>
public abstract partial class SyncStateStoreContract<TFixture>
{
    [Fact]
    public async Task TryAcquireLeasesAsync_FreeRecords_AreAcquired_AndHeldOnesAreRefusedToOthers()
    {
        var store = await NewStoreAsync();
        var system = UniqueSystem();
        var a = new RecordRef(system, "Accounts", "1");
        var b = new RecordRef(system, "Accounts", AwkwardKey);

        var first = await store.TryAcquireLeasesAsync([a, b], "host-1", TimeSpan.FromMinutes(1), CancellationToken.None);
        var second = await store.TryAcquireLeasesAsync([a, new RecordRef(system, "Accounts", "3")], "host-2", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(new HashSet<RecordRef> { a, b }, first);
        Assert.Equal(new HashSet<RecordRef> { new(system, "Accounts", "3") }, second);
    }

    [Fact]
    public async Task TryAcquireLeasesAsync_OwnLease_IsRenewed()
    {
        var store = await NewStoreAsync();
        var a = new RecordRef(UniqueSystem(), "Accounts", "1");
        await store.TryAcquireLeasesAsync([a], "host-1", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Contains(a, await store.TryAcquireLeasesAsync([a], "host-1", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireLeasesAsync_ExpiredLease_IsTakenOver()
    {
        var store = await NewStoreAsync();
        var a = new RecordRef(UniqueSystem(), "Accounts", "1");
        await store.TryAcquireLeasesAsync([a], "killed-host", TimeSpan.FromSeconds(30), CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Contains(a, await store.TryAcquireLeasesAsync([a], "host-2", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Empty(await store.TryAcquireLeasesAsync([a], "killed-host", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseLeasesAsync_ByHolder_FreesIt_ByOthers_DoesNothing()
    {
        var store = await NewStoreAsync();
        var a = new RecordRef(UniqueSystem(), "Accounts", "1");
        await store.TryAcquireLeasesAsync([a], "host-1", TimeSpan.FromMinutes(1), CancellationToken.None);

        await store.ReleaseLeasesAsync([a], "host-2", CancellationToken.None);
        Assert.Empty(await store.TryAcquireLeasesAsync([a], "host-2", TimeSpan.FromMinutes(1), CancellationToken.None));

        await store.ReleaseLeasesAsync([a], "host-1", CancellationToken.None);
        Assert.Contains(a, await store.TryAcquireLeasesAsync([a], "host-2", TimeSpan.FromMinutes(1), CancellationToken.None));
    }
}
