using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Pipeline.Sqlite.Tests;

/// <summary>A host killed mid-batch: its next run takes its leased messages back at once (issue 11).</summary>
public sealed class SqliteWorkQueueRestartTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task ReleaseAbandonedLeasesAsync_AfterKilledRun_MessagesAreReceivedAtOnce()
    {
        var path = _directory.NewFile();
        var sent = TestEnvelopes.New();
        using (var killedDatabase = Database(path))
        using (var killed = Queue(killedDatabase))
        {
            await killed.EnqueueAsync(sent, TimeSpan.Zero, CancellationToken.None);
            Assert.Single(await killed.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None));
        } // never completed: the process "died" holding the lease

        using var database = Database(path);
        using var restarted = Queue(database);
        Assert.Empty(await restarted.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None));

        var released = await restarted.ReleaseAbandonedLeasesAsync(CancellationToken.None);

        Assert.Equal(1, released);
        var again = await restarted.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Equal(sent.Id, Assert.Single(again).Envelope.Id);
        Assert.Equal(2, again[0].DequeueCount);
    }

    [Fact]
    public async Task ReleaseAbandonedLeasesAsync_OwnLeases_AreKept()
    {
        using var database = Database(_directory.NewFile());
        using var queue = Queue(database);
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal(0, await queue.ReleaseAbandonedLeasesAsync(CancellationToken.None));
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAbandonedLeasesAsync_AnotherConsumerAlive_ReleasesNothing()
    {
        var path = _directory.NewFile();
        using var liveDatabase = Database(path);
        using var live = Queue(liveDatabase);
        Assert.Equal(0, await live.ReleaseAbandonedLeasesAsync(CancellationToken.None)); // takes the consumer lock
        await live.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        Assert.Single(await live.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None));

        using var otherDatabase = Database(path);
        using var other = Queue(otherDatabase);

        Assert.Equal(0, await other.ReleaseAbandonedLeasesAsync(CancellationToken.None));
        Assert.Empty(await other.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    public void Dispose() => _directory.Dispose();

    private static SqliteDatabase Database(string path) => new(new SqliteStorageOptions { Path = path });

    private static SqliteWorkQueue Queue(SqliteDatabase database) =>
        new(database, new EnvelopeCodec(new SqliteClaimCheckStore(database, TimeProvider.System)), "q", TimeProvider.System, NullLogger<SqliteWorkQueue>.Instance);
}
