using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.Queueing;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>Dead-letter paths of the state contract: add, deduplicate while open, read, list with filters, set status.</summary>
public abstract partial class SyncStateStoreContract<TFixture>
{
    private DeadLetter NewDeadLetter(string system, string? route = "route-a", string entity = "Accounts") => new()
    {
        Envelope = TestEnvelopes.Full() with { System = system, Entity = entity, Snapshot = null },
        Route = route,
        ErrorCode = DeadLetterCodes.MappingFailed,
        Reason = "Field 'Account_Name' is required (rule name)",
        FailedAt = Time.GetUtcNow(),
        Attempts = [new AttemptNote(Time.GetUtcNow(), "HTTP_400", "Bad request")],
    };

    [Fact]
    public async Task CountOpenDeadLettersAsync_OpenLettersOfTwoRoutes_CountsPerRouteWithoutClosedOnes()
    {
        var store = await NewStoreAsync();
        var system = UniqueSystem();
        await store.AddDeadLetterAsync(NewDeadLetter(system), CancellationToken.None);
        await store.AddDeadLetterAsync(NewDeadLetter(system) with { Envelope = TestEnvelopes.Full() with { System = system, Entity = "Accounts", RecordId = "other", Snapshot = null } }, CancellationToken.None);
        await store.AddDeadLetterAsync(NewDeadLetter(system, route: null), CancellationToken.None);
        var closed = await store.AddDeadLetterAsync(NewDeadLetter(system, route: "route-b"), CancellationToken.None);
        await store.SetDeadLetterStatusAsync(closed, DeadLetterStatus.Dismissed, CancellationToken.None);

        var counts = (await store.CountOpenDeadLettersAsync(CancellationToken.None)).Where(c => c.System == system).OrderBy(c => c.Route).ToList();

        Assert.Equal([new DeadLetterCount(system, "Accounts", null, 1), new DeadLetterCount(system, "Accounts", "route-a", 2)], counts);
    }

    [Fact]
    public async Task PurgeDeadLettersAsync_OldClosedAndRawBodyLetters_DeletedOpenAndRecentKept()
    {
        var store = await NewStoreAsync();
        var system = UniqueSystem();
        var openOld = await store.AddDeadLetterAsync(NewDeadLetter(system), CancellationToken.None);
        var dismissedOld = await store.AddDeadLetterAsync(NewDeadLetter(system, route: "route-b"), CancellationToken.None);
        await store.SetDeadLetterStatusAsync(dismissedOld, DeadLetterStatus.Dismissed, CancellationToken.None);
        var rejectedOld = await store.AddDeadLetterAsync(NewDeadLetter(system, route: "route-c") with { ErrorCode = DeadLetterCodes.RejectedInput }, CancellationToken.None);
        var poisonOld = await store.AddDeadLetterAsync(NewDeadLetter(system, route: "route-d") with { ErrorCode = DeadLetterCodes.Poison }, CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(31));
        var dismissedNew = await store.AddDeadLetterAsync(NewDeadLetter(system, route: "route-e") with { FailedAt = Time.GetUtcNow() }, CancellationToken.None);
        await store.SetDeadLetterStatusAsync(dismissedNew, DeadLetterStatus.Dismissed, CancellationToken.None);

        var purged = await store.PurgeDeadLettersAsync(Time.GetUtcNow() - TimeSpan.FromDays(30), CancellationToken.None);

        Assert.True(purged >= 3);
        Assert.NotNull(await store.GetDeadLetterAsync(openOld, CancellationToken.None));
        Assert.NotNull(await store.GetDeadLetterAsync(dismissedNew, CancellationToken.None));
        Assert.Null(await store.GetDeadLetterAsync(dismissedOld, CancellationToken.None));
        Assert.Null(await store.GetDeadLetterAsync(rejectedOld, CancellationToken.None));
        Assert.Null(await store.GetDeadLetterAsync(poisonOld, CancellationToken.None));
    }

    [Fact]
    public async Task AddDeadLetterAsync_New_IsReadableById()
    {
        var store = await NewStoreAsync();
        var letter = NewDeadLetter(UniqueSystem());

        var id = await store.AddDeadLetterAsync(letter, CancellationToken.None);
        var read = await store.GetDeadLetterAsync(id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(id, read.Id);
        Assert.Equal(TestEnvelopes.Comparable(letter.Envelope), TestEnvelopes.Comparable(read.Envelope));
        Assert.Equal(("route-a", DeadLetterCodes.MappingFailed, letter.Reason, letter.FailedAt), (read.Route, read.ErrorCode, read.Reason, read.FailedAt));
        Assert.Equal((DeadLetterStatus.Open, 1), (read.Status, read.Occurrences));
        Assert.Equal(letter.Attempts, read.Attempts);
    }

    [Fact]
    public async Task AddDeadLetterAsync_SameRecordAndRouteWhileOpen_DeduplicatesKeepingTheId()
    {
        var store = await NewStoreAsync();
        var first = NewDeadLetter(UniqueSystem());
        var id = await store.AddDeadLetterAsync(first, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        var again = first with { Reason = "still broken", FailedAt = Time.GetUtcNow(), Attempts = [] };

        var secondId = await store.AddDeadLetterAsync(again, CancellationToken.None);

        Assert.Equal(id, secondId);
        var read = await store.GetDeadLetterAsync(id, CancellationToken.None);
        Assert.Equal((2, "still broken", Time.GetUtcNow()), (read!.Occurrences, read.Reason, read.FailedAt));
        Assert.Single(await store.ListDeadLettersAsync(new DeadLetterQuery(System: first.Envelope.System), CancellationToken.None));
    }

    [Fact]
    public async Task AddDeadLetterAsync_OtherRouteOrClosed_CreatesANewOne()
    {
        var store = await NewStoreAsync();
        var first = NewDeadLetter(UniqueSystem());
        var id = await store.AddDeadLetterAsync(first, CancellationToken.None);

        var otherRoute = await store.AddDeadLetterAsync(first with { Route = null }, CancellationToken.None);
        await store.SetDeadLetterStatusAsync(id, DeadLetterStatus.Replayed, CancellationToken.None);
        var afterReplay = await store.AddDeadLetterAsync(first, CancellationToken.None);

        Assert.Equal(3, new[] { id, otherRoute, afterReplay }.Distinct().Count());
        Assert.Equal(1, (await store.GetDeadLetterAsync(afterReplay, CancellationToken.None))?.Occurrences);
        Assert.Null((await store.GetDeadLetterAsync(otherRoute, CancellationToken.None))?.Route);
    }

    [Fact]
    public async Task GetDeadLetterAsync_UnknownId_ReturnsNull()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.GetDeadLetterAsync("no-such-id", CancellationToken.None));
    }

    [Fact]
    public async Task SetDeadLetterStatusAsync_ExistingAndUnknown_ReportsWhetherItExisted()
    {
        var store = await NewStoreAsync();
        var id = await store.AddDeadLetterAsync(NewDeadLetter(UniqueSystem()), CancellationToken.None);

        Assert.True(await store.SetDeadLetterStatusAsync(id, DeadLetterStatus.Dismissed, CancellationToken.None));
        Assert.False(await store.SetDeadLetterStatusAsync("no-such-id", DeadLetterStatus.Dismissed, CancellationToken.None));
        Assert.Equal(DeadLetterStatus.Dismissed, (await store.GetDeadLetterAsync(id, CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task ListDeadLettersAsync_Filters_ApplyStatusSystemEntityAndLimitNewestFirst()
    {
        var store = await NewStoreAsync();
        var system = UniqueSystem();
        var ids = new List<string>();
        foreach (var (entity, route) in new[] { ("Accounts", "r1"), ("Accounts", "r2"), ("Deals", "r3"), ("Accounts", "r4") })
        {
            ids.Add(await store.AddDeadLetterAsync(NewDeadLetter(system, route, entity), CancellationToken.None));
            Time.Advance(TimeSpan.FromSeconds(10));
        }

        await store.AddDeadLetterAsync(NewDeadLetter(UniqueSystem()), CancellationToken.None);
        await store.SetDeadLetterStatusAsync(ids[3], DeadLetterStatus.Dismissed, CancellationToken.None);

        var open = await store.ListDeadLettersAsync(new DeadLetterQuery(System: system), CancellationToken.None);
        var accounts = await store.ListDeadLettersAsync(new DeadLetterQuery(System: system, Entity: "Accounts"), CancellationToken.None);
        var all = await store.ListDeadLettersAsync(new DeadLetterQuery(Status: null, System: system, Limit: 3), CancellationToken.None);
        var dismissed = await store.ListDeadLettersAsync(new DeadLetterQuery(DeadLetterStatus.Dismissed, system), CancellationToken.None);

        Assert.Equal([ids[2], ids[1], ids[0]], open.Select(d => d.Id));
        Assert.Equal([ids[1], ids[0]], accounts.Select(d => d.Id));
        Assert.Equal([ids[3], ids[2], ids[1]], all.Select(d => d.Id));
        Assert.Equal([ids[3]], dismissed.Select(d => d.Id));
    }

    [Fact]
    public async Task AddDeadLetterAsync_EnvelopeWithLargeInlineSnapshot_RoundTrips()
    {
        var store = await NewStoreAsync();
        var letter = NewDeadLetter(UniqueSystem());
        letter = letter with { Envelope = letter.Envelope with { Snapshot = TestEnvelopes.LargeSnapshot(47 * 1024) } };

        var id = await store.AddDeadLetterAsync(letter, CancellationToken.None);
        var read = await store.GetDeadLetterAsync(id, CancellationToken.None);

        Assert.Equal(TestEnvelopes.Comparable(letter.Envelope), TestEnvelopes.Comparable(read!.Envelope));
    }
}
