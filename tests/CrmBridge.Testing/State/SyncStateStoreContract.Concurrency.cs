using CrmBridge.Pipeline.State;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>Concurrent writers (the host syncs 8–32 envelopes at once, Azure scales out): nothing lost, nothing doubled.</summary>
public abstract partial class SyncStateStoreContract<TFixture>
{
    [Fact]
    public async Task AddDeadLetterAsync_ConcurrentFailuresOfOneRecord_KeepOneLetterCountingEach()
    {
        var store = await NewStoreAsync();
        var letter = NewDeadLetter(UniqueSystem());

        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.AddDeadLetterAsync(letter, CancellationToken.None))));

        Assert.Single(ids.Distinct());
        Assert.Equal(6, (await store.GetDeadLetterAsync(ids[0], CancellationToken.None))?.Occurrences);
        Assert.Single(await store.ListDeadLettersAsync(new DeadLetterQuery(System: letter.Envelope.System), CancellationToken.None));
    }

    [Fact]
    public async Task RecordOutcomesAsync_ConcurrentCallers_CountEveryOutcome()
    {
        var store = await NewStoreAsync();
        var system = UniqueSystem();
        var batch = Enumerable.Range(0, 3)
            .Select(i => new SyncOutcome(system, "Accounts", "to-erp", $"R{i}", SyncOutcomeKind.Delivered, Time.GetUtcNow(), "corr"))
            .ToList();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var call = 0; call < 5; call++)
            {
                await store.RecordOutcomesAsync(batch, CancellationToken.None);
            }
        })));

        var stat = Assert.Single(await store.GetStatsAsync(CancellationToken.None), s => s.System == system);
        Assert.Equal(8 * 5 * 3, stat.Count(SyncOutcomeKind.Delivered));
    }

    [Fact]
    public async Task SaveCheckpointAsync_ConcurrentSavesFromOneETag_ExactlyOneWins()
    {
        var store = await NewStoreAsync();
        var first = await store.SaveCheckpointAsync("zoho", "Accounts", "w0", null, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            Task.Run(() => store.SaveCheckpointAsync("zoho", "Accounts", $"w{i}", first!.ETag, CancellationToken.None))));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner!.Value, (await store.GetCheckpointAsync("zoho", "Accounts", CancellationToken.None))?.Value);
    }
}
