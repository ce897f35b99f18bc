// Throughput of the embedded SQLite queue: dotnet run -c Release --project tests/CrmBridge.Pipeline.Sqlite.Throughput [envelopes] [workers]
// Measures enqueue, then receive (batches of 32) + complete with N concurrent workers, on a temporary file.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Sqlite;
using Microsoft.Extensions.DependencyInjection;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var workers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var directory = Path.Combine(Path.GetTempPath(), "crmbridge-throughput-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
try
{
    await using var provider = new ServiceCollection()
        .AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(directory, "bench.db"))
        .BuildServiceProvider();
    var queue = provider.GetRequiredService<IWorkQueue>();
    var snapshot = new JsonObject { ["name"] = "Contoso Ltd", ["city"] = "Shanghai", ["total"] = 1234.5m };
    ChangeEnvelope Envelope(int i) => new()
    {
        Id = Guid.NewGuid().ToString("N"), System = "zoho", Entity = "Accounts", RecordId = i.ToString(CultureInfo.InvariantCulture),
        CorrelationId = Guid.NewGuid().ToString("N"), FirstSeen = TimeProvider.System.GetUtcNow(), Snapshot = snapshot.DeepClone().AsObject(), Origin = EnvelopeOrigins.Poll,
    };

    await queue.EnqueueAsync(Envelope(-1), TimeSpan.Zero, CancellationToken.None); // warm-up: schema, JIT
    foreach (var message in await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None))
    {
        await queue.CompleteAsync(message, CancellationToken.None);
    }

    var next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
        {
            await queue.EnqueueAsync(Envelope(i), TimeSpan.Zero, CancellationToken.None);
        }
    })));
    var enqueue = watch.Elapsed;

    var processed = 0;
    watch.Restart();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        while (true)
        {
            var batch = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var message in batch)
            {
                await queue.CompleteAsync(message, CancellationToken.None);
            }

            Interlocked.Add(ref processed, batch.Count);
        }
    })));
    var drain = watch.Elapsed;

    Console.WriteLine($"SQLite work queue, {count} envelopes, {workers} concurrent callers, {Environment.ProcessorCount} cores");
    Console.WriteLine($"  enqueue:            {count / enqueue.TotalSeconds,10:N0} envelopes/s ({enqueue.TotalMilliseconds:N0} ms)");
    Console.WriteLine($"  receive + complete: {processed / drain.TotalSeconds,10:N0} envelopes/s ({drain.TotalMilliseconds:N0} ms)");
    Console.WriteLine($"  end to end:         {count / (enqueue + drain).TotalSeconds,10:N0} envelopes/s");
}
finally
{
    Directory.Delete(directory, recursive: true);
}
