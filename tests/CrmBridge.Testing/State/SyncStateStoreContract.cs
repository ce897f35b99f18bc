using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>
/// The contract every <see cref="ISyncStateStore"/> adapter passes: checkpoints with optimistic concurrency, the ledger,
/// cross-references in both directions, write echoes, deduplicated dead letters and the sync log. Keys deliberately
/// contain characters Azure Table keys forbid (<c>/ \ # ?</c>, control characters). Subclass it with one line per adapter.
/// </summary>
/// <typeparam name="TFixture">The fixture that creates fresh stores.</typeparam>
public abstract partial class SyncStateStoreContract<TFixture> : IClassFixture<TFixture>
    where TFixture : class, ISyncStateStoreFixture
{
    /// <summary>An awkward key: every character Azure Table keys forbid, a quote, a percent sign and non-ASCII text.</summary>
    protected const string AwkwardKey = "a/b\\c#d?e\u0001f\u007Fg'h%i~j|k 纷享";

    /// <summary>Initializes a new instance of the <see cref="SyncStateStoreContract{TFixture}"/> class.</summary>
    /// <param name="fixture">The fixture.</param>
    protected SyncStateStoreContract(TFixture fixture) => Fixture = fixture;

    /// <summary>Gets the fixture.</summary>
    protected TFixture Fixture { get; }

    /// <summary>Gets the clock the stores of this test run on (starts on a whole second).</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Creates a fresh store on <see cref="Time"/>.</summary>
    /// <returns>The store.</returns>
    protected Task<ISyncStateStore> NewStoreAsync() => Fixture.CreateStoreAsync(Time);

    /// <summary>Returns a unique system name so tests never see each other's rows.</summary>
    /// <returns>The name.</returns>
    protected static string UniqueSystem() => "sys" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task InitializeAsync_CalledAgain_IsIdempotentAndKeepsData()
    {
        var store = await NewStoreAsync();
        await store.SaveCheckpointAsync("zoho", "Accounts", "t1", null, CancellationToken.None);

        await store.InitializeAsync(CancellationToken.None);
        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal("t1", (await store.GetCheckpointAsync("zoho", "Accounts", CancellationToken.None))?.Value);
    }

    [Fact]
    public async Task GetCheckpointAsync_NoneSaved_ReturnsNull()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.GetCheckpointAsync("zoho", "Accounts", CancellationToken.None));
    }

    [Fact]
    public async Task SaveCheckpointAsync_New_IsReadBackWithETagAndTime()
    {
        var store = await NewStoreAsync();

        var saved = await store.SaveCheckpointAsync(AwkwardKey, AwkwardKey, "delta-1", null, CancellationToken.None);
        var read = await store.GetCheckpointAsync(AwkwardKey, AwkwardKey, CancellationToken.None);

        Assert.NotNull(saved);
        Assert.Equal("delta-1", read?.Value);
        Assert.Equal(saved.ETag, read?.ETag);
        Assert.False(string.IsNullOrEmpty(saved.ETag));
        Assert.Equal(Time.GetUtcNow(), read?.UpdatedAt);
    }

    [Fact]
    public async Task SaveCheckpointAsync_CurrentETag_AdvancesWithNewETag()
    {
        var store = await NewStoreAsync();
        var first = await store.SaveCheckpointAsync("dataverse", "accounts", "delta-1", null, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(5));

        var second = await store.SaveCheckpointAsync("dataverse", "accounts", "delta-2", first!.ETag, CancellationToken.None);

        Assert.NotNull(second);
        Assert.NotEqual(first.ETag, second.ETag);
        var read = await store.GetCheckpointAsync("dataverse", "accounts", CancellationToken.None);
        Assert.Equal("delta-2", read?.Value);
        Assert.Equal(Time.GetUtcNow(), read?.UpdatedAt);
    }

    [Fact]
    public async Task SaveCheckpointAsync_StaleETag_ReturnsNullAndKeepsTheWinner()
    {
        var store = await NewStoreAsync();
        var first = await store.SaveCheckpointAsync("zoho", "Deals", "w1", null, CancellationToken.None);
        var winner = await store.SaveCheckpointAsync("zoho", "Deals", "w2", first!.ETag, CancellationToken.None);

        var loser = await store.SaveCheckpointAsync("zoho", "Deals", "w3", first.ETag, CancellationToken.None);

        Assert.Null(loser);
        Assert.Equal(winner, await store.GetCheckpointAsync("zoho", "Deals", CancellationToken.None));
    }

    [Fact]
    public async Task SaveCheckpointAsync_NoETagButOneExists_ReturnsNull()
    {
        var store = await NewStoreAsync();
        await store.SaveCheckpointAsync("zoho", "Deals", "w1", null, CancellationToken.None);

        var second = await store.SaveCheckpointAsync("zoho", "Deals", "w2", null, CancellationToken.None);

        Assert.Null(second);
        Assert.Equal("w1", (await store.GetCheckpointAsync("zoho", "Deals", CancellationToken.None))?.Value);
    }

    [Fact]
    public async Task SaveCheckpointAsync_ETagOfDeletedCheckpoint_ReturnsNull()
    {
        var store = await NewStoreAsync();
        var first = await store.SaveCheckpointAsync("fxiaoke", "AccountObj", "1718000000000", null, CancellationToken.None);
        await store.DeleteCheckpointAsync("fxiaoke", "AccountObj", CancellationToken.None);

        var stale = await store.SaveCheckpointAsync("fxiaoke", "AccountObj", "1718000000001", first!.ETag, CancellationToken.None);

        Assert.Null(stale);
        Assert.Null(await store.GetCheckpointAsync("fxiaoke", "AccountObj", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteCheckpointAsync_Missing_DoesNotThrow()
    {
        var store = await NewStoreAsync();

        var error = await Record.ExceptionAsync(() => store.DeleteCheckpointAsync("zoho", "Nothing", CancellationToken.None));

        Assert.Null(error);
    }

    [Fact]
    public async Task ListCheckpointsAsync_SeveralSaved_ReturnsEach()
    {
        var store = await NewStoreAsync();
        await store.SaveCheckpointAsync("zoho", "Accounts", "z", null, CancellationToken.None);
        await store.SaveCheckpointAsync("erp", AwkwardKey, "e", null, CancellationToken.None);

        var all = await store.ListCheckpointsAsync(CancellationToken.None);

        Assert.Equal(2, all.Count);
        Assert.Contains(all, c => c.System == "zoho" && c.Entity == "Accounts" && c.Checkpoint.Value == "z");
        Assert.Contains(all, c => c.System == "erp" && c.Entity == AwkwardKey && c.Checkpoint.Value == "e");
    }
}
