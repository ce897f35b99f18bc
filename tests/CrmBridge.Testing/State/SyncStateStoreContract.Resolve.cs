using CrmBridge.Pipeline.State;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>Dead letters that close themselves when their record is delivered later (issue 11).</summary>
public abstract partial class SyncStateStoreContract<TFixture>
{
    [Fact]
    public async Task ResolveDeadLettersAsync_DeliveredRecord_ClosesItsRouteAndRoutelessLetters()
    {
        var store = await NewStoreAsync();
        var system = UniqueSystem();
        var onRoute = NewDeadLetter(system);
        var routeless = NewDeadLetter(system, route: null) with { Envelope = onRoute.Envelope };
        var otherRoute = NewDeadLetter(system, route: "route-b") with { Envelope = onRoute.Envelope };
        var otherRecord = NewDeadLetter(system) with { Envelope = onRoute.Envelope with { RecordId = "another" } };
        var ids = new List<string>();
        foreach (var letter in new[] { onRoute, routeless, otherRoute, otherRecord })
        {
            ids.Add(await store.AddDeadLetterAsync(letter, CancellationToken.None));
        }

        var closed = await store.ResolveDeadLettersAsync([(onRoute.Envelope.Source, "route-a")], CancellationToken.None);

        Assert.Equal(2, closed);
        var statuses = new List<DeadLetterStatus>();
        foreach (var id in ids)
        {
            statuses.Add((await store.GetDeadLetterAsync(id, CancellationToken.None))!.Status);
        }

        Assert.Equal([DeadLetterStatus.Resolved, DeadLetterStatus.Resolved, DeadLetterStatus.Open, DeadLetterStatus.Open], statuses);
    }

    [Fact]
    public async Task ResolveDeadLettersAsync_AfterResolve_NewFailureOpensANewLetter()
    {
        var store = await NewStoreAsync();
        var letter = NewDeadLetter(UniqueSystem());
        var first = await store.AddDeadLetterAsync(letter, CancellationToken.None);
        await store.ResolveDeadLettersAsync([(letter.Envelope.Source, "route-a")], CancellationToken.None);

        var second = await store.AddDeadLetterAsync(letter, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(0, await store.ResolveDeadLettersAsync([(letter.Envelope.Source, "route-x")], CancellationToken.None));
        Assert.Equal(DeadLetterStatus.Open, (await store.GetDeadLetterAsync(second, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ResolveDeadLettersAsync_NothingOpen_ReturnsZero()
    {
        var store = await NewStoreAsync();

        Assert.Equal(0, await store.ResolveDeadLettersAsync([(new CrmBridge.Connectors.RecordRef(UniqueSystem(), "Accounts", "1"), "route-a")], CancellationToken.None));
        Assert.Equal(0, await store.ResolveDeadLettersAsync([], CancellationToken.None));
    }
}
