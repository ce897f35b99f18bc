// Throughput of the staging connector on PostgreSQL:
//   CRMBRIDGE_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" \
//   dotnet run -c Release --project tests/CrmBridge.Connectors.Staging.Throughput -- [rows=20000] [requestsPerCall=100] [hosts=2]
// Stages sales orders (3 lines each, ~700 bytes of JSON) through UpsertBatchAsync the way the sync stage does (one call per
// delivery batch), from N concurrent callers: new rows, the same rows again (hash unchanged: nothing written), changed rows.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Connectors.Staging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var perCall = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var hosts = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
var connection = Environment.GetEnvironmentVariable("CRMBRIDGE_TEST_POSTGRES") is { Length: > 0 } cs ? cs
    : throw new InvalidOperationException("Set CRMBRIDGE_TEST_POSTGRES to a PostgreSQL connection string (scripts/test.sh shows how to start one).");
var schema = "stg_bench_" + Guid.NewGuid().ToString("N")[..8];

var statements = 0L;
using var listener = new ActivityListener
{
    ShouldListenTo = s => s.Name.StartsWith("Npgsql", StringComparison.Ordinal),
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
    ActivityStopped = _ => Interlocked.Increment(ref statements),
};
ActivitySource.AddActivityListener(listener);

await using var provider = new ServiceCollection()
    .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
    .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
    .AddCrmBridgeStagingConnector(configure: o => { o.ConnectionString = connection; o.Schema = schema; })
    .BuildServiceProvider();
var connector = provider.GetRequiredService<IErpConnector>();
try
{
    await provider.GetRequiredService<IStagingSchema>().CreateAsync(CancellationToken.None);
    await connector.UpsertBatchAsync([Order(-1, 0)], CancellationToken.None); // warm-up: JIT, pool, plan

    Console.WriteLine($"Staging connector on PostgreSQL: {rows:N0} sales orders, {perCall} per UpsertBatchAsync call, {hosts} concurrent callers, {Environment.ProcessorCount} cores");
    await MeasureAsync("new rows (INSERT)", 1);
    await MeasureAsync("unchanged (hash equal, no write)", 1);
    await MeasureAsync("changed (re-staged UPDATE)", 2);
    Console.WriteLine($"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
}
finally
{
    await using var admin = new NpgsqlConnection(connection);
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", admin);
    await drop.ExecuteNonQueryAsync();
}

async Task MeasureAsync(string label, int revision)
{
    var next = -1;
    var before = Interlocked.Read(ref statements);
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, hosts).Select(_ => Task.Run(async () =>
    {
        for (var start = Interlocked.Add(ref next, perCall) - perCall + 1; start < rows; start = Interlocked.Add(ref next, perCall) - perCall + 1)
        {
            var batch = Enumerable.Range(start, Math.Min(perCall, rows - start)).Select(i => Order(i, revision)).ToList();
            var results = await connector.UpsertBatchAsync(batch, CancellationToken.None);
            if (results.Any(r => !r.Succeeded))
            {
                throw new InvalidOperationException(results.First(r => !r.Succeeded).Error!.Message);
            }
        }
    })));
    watch.Stop();
    var sql = Interlocked.Read(ref statements) - before;
    var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    Console.WriteLine($"  {label,-34} {rows / watch.Elapsed.TotalSeconds,10:N0} rows/s  {sql,6:N0} statements ({(double)sql / rows:F3}/row)  {bytes / rows,7:N0} B allocated/row  ({watch.ElapsedMilliseconds:N0} ms)");
}

static UpsertRequest Order(int i, int revision) => new("sales_order", "externalId", $"SO-{i:D7}", new JsonObject
{
    ["orderNumber"] = $"SO-{i:D7}",
    ["customerId"] = $"ACC-{i % 997:D5}",
    ["orderDate"] = "2026-11-28",
    ["currency"] = "CNY",
    ["total"] = 1280.50m + revision,
    ["note"] = "华东区经销商季度补货 / quarterly restock",
    ["lines"] = new JsonArray(Enumerable.Range(1, 3).Select(n => (JsonNode)new JsonObject
    {
        ["sku"] = $"SKU-{n:D3}",
        ["description"] = "工业冷却风扇 industrial cooling fan",
        ["quantity"] = n * 2,
        ["unitPrice"] = 99.5m,
        ["discount"] = 0,
        ["amount"] = n * 199m,
    }).ToArray()),
});
