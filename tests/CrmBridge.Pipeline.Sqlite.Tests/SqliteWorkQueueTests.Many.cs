using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Pipeline.Sqlite.Tests;

/// <summary><see cref="IEnqueuesMany"/>: a chunk of a change page in one transaction.</summary>
public sealed class SqliteWorkQueueManyTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task EnqueueManyAsync_Envelopes_AreReceivedInOrderOnce()
    {
        using var database = Database(_directory.NewFile());
        using var queue = Queue(database);
        var sent = Enumerable.Range(0, 40).Select(_ => TestEnvelopes.New()).ToList();

        await queue.EnqueueManyAsync(sent, CancellationToken.None);

        var first = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None);
        var second = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Equal(sent.Select(e => e.Id), first.Concat(second).Select(m => m.Envelope.Id));
        Assert.Equal(40, await queue.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EnqueueManyAsync_OversizedSnapshot_GoesToClaimCheckAndComesBack()
    {
        using var database = Database(_directory.NewFile());
        using var queue = Queue(database);
        var large = TestEnvelopes.New() with { Snapshot = TestEnvelopes.LargeSnapshot(80 * 1024) };

        await queue.EnqueueManyAsync([TestEnvelopes.New(), large], CancellationToken.None);

        var received = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Equal(2, received.Count);
        Assert.NotNull(received[1].Envelope.SnapshotRef);
        Assert.Equal(TestEnvelopes.Comparable(large), TestEnvelopes.Comparable(received[1].Envelope));
    }

    public void Dispose() => _directory.Dispose();

    private static SqliteDatabase Database(string path) => new(new SqliteStorageOptions { Path = path });

    private static SqliteWorkQueue Queue(SqliteDatabase database) =>
        new(database, new EnvelopeCodec(new SqliteClaimCheckStore(database, TimeProvider.System)), "q", TimeProvider.System, NullLogger<SqliteWorkQueue>.Instance);
}
