using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;
using Xunit;

namespace CrmBridge.Pipeline.Sqlite.Tests;

/// <summary>SQLite-only paths: a second process on the same file, and rows that are not envelopes.</summary>
public sealed partial class SqliteWorkQueueTests
{
    [Fact]
    public async Task ReceiveAsync_TwoProcessesOnOneFile_NeverShareAMessage()
    {
        // A second SqliteDatabase has its own write connection and lock, exactly as another process would.
        using var other = new SqliteDatabase(new SqliteStorageOptions { Path = Fixture.FilePath });
        var name = "shared-" + Guid.NewGuid().ToString("N");
        var mine = Fixture.CreateQueue(Fixture.Database, name);
        var theirs = Fixture.CreateQueue(other, name);
        var sent = Enumerable.Range(0, 60).Select(_ => TestEnvelopes.New()).ToList();
        foreach (var envelope in sent)
        {
            await mine.EnqueueAsync(envelope, TimeSpan.Zero, CancellationToken.None);
        }

        var received = await Task.WhenAll(new IWorkQueue[] { mine, theirs, mine, theirs }.Select(q => Task.Run(() => DrainAsync(q))));

        var ids = received.SelectMany(r => r).ToList();
        Assert.Equal(sent.Select(e => e.Id).Order(), ids.Order());
        Assert.Equal(0, await theirs.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReceiveAsync_RowThatIsNotAnEnvelope_IsParkedInThePoisonQueue()
    {
        var name = "poison-" + Guid.NewGuid().ToString("N");
        var queue = Fixture.CreateQueue(Fixture.Database, name);
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        await Fixture.Database.WriteAsync(
            c => c.Sql("INSERT INTO queue_messages (queue, body, visible_at, enqueued_at) VALUES ($q, 'not json', 0, 0)").With("$q", name).Exec(),
            CancellationToken.None);

        var messages = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Single(messages);
        Assert.Equal(1, await queue.CountAsync(CancellationToken.None));
        Assert.Equal(1, await Fixture.CreateQueue(Fixture.Database, name + "-poison").CountAsync(CancellationToken.None));
    }

    private static async Task<List<string>> DrainAsync(IWorkQueue queue)
    {
        var ids = new List<string>();
        for (var empty = 0; empty < 3;)
        {
            var batch = await queue.ReceiveAsync(5, TimeSpan.FromMinutes(5), CancellationToken.None);
            foreach (var message in batch)
            {
                ids.Add(message.Envelope.Id);
                await queue.CompleteAsync(message, CancellationToken.None);
            }

            empty = batch.Count == 0 ? empty + 1 : 0;
        }

        return ids;
    }
}
