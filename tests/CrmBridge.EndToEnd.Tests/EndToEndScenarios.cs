using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.EndToEnd.Tests;

/// <summary>
/// The foundation's end-to-end scenarios: change envelope → queue → sync stage → reference ERP over HTTP, run on every
/// storage adapter through a one-line subclass.
/// </summary>
/// <typeparam name="TStorage">The storage adapter under test.</typeparam>
public abstract class EndToEndScenarios<TStorage> : IAsyncLifetime
    where TStorage : IStorageUnderTest, new()
{
    private readonly InMemoryCrmConnector _crm = new();
    private TStorage _storage = default!;
    private ErpSandbox _erp = null!;

    public async Task InitializeAsync()
    {
        _storage = new TStorage();
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "e2e-" + Guid.NewGuid().ToString("N") });
    }

    public async Task DisposeAsync()
    {
        await _erp.DisposeAsync();
        await _storage.DisposeAsync();
    }

    private static JsonObject Account(string id, string? name, long version) => new() { ["id"] = id, ["name"] = name, ["version"] = version };

    private static ChangeEnvelope Envelope(string id, JsonObject? snapshot, long? version) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = "crm",
        Entity = "accounts",
        RecordId = id,
        SourceVersion = version?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Snapshot = snapshot,
        CorrelationId = "e2e-" + id,
        FirstSeen = DateTimeOffset.UtcNow,
        Origin = EnvelopeOrigins.Poll,
    };

    private BridgeTestHost NewHost(Action<PipelineOptions>? configure = null) => new(_storage, _erp, _crm, configure);

    [Fact]
    public async Task Envelope_DeliveredThreeTimes_CreatesOneErpCustomer()
    {
        await using var host = NewHost();
        await host.StartAsync();
        var envelope = Envelope("A1", Account("A1", "Acme Trading", 1), 1);

        for (var i = 0; i < 3; i++)
        {
            await host.Queue.EnqueueAsync(envelope, TimeSpan.Zero, CancellationToken.None);
        }

        await Wait.UntilAsync(async () => host.Worker.Processed >= 3 && await host.Queue.CountAsync(CancellationToken.None) == 0, "three deliveries are processed");
        Assert.Equal(1, _erp.Count("customers"));
        Assert.Equal("Acme Trading", _erp.FindByExternalId("customers", "A1")!["name"]!.GetValue<string>());
        Assert.Equal(1, _erp.FindByExternalId("customers", "A1")!["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task OlderVersion_ArrivingAfterNewer_NeverOverwritesIt()
    {
        await using var host = NewHost();
        await host.Stage.HandleAsync(Envelope("A2", Account("A2", "Newer Name", 5), 5), 1, CancellationToken.None);

        await host.Stage.HandleAsync(Envelope("A2", Account("A2", "Older Name", 4), 4), 1, CancellationToken.None);

        Assert.Equal("Newer Name", _erp.FindByExternalId("customers", "A2")!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThrottlingAndServerErrorBurst_IsRetriedUntilDelivered()
    {
        await using var host = NewHost();
        await host.StartAsync();
        _erp.Faults.FailNext(3, SandboxFaultKind.Throttle, TimeSpan.FromSeconds(1));
        _erp.Faults.FailNext(2, SandboxFaultKind.ServerError);

        await host.Queue.EnqueueAsync(Envelope("A3", Account("A3", "Burst Ltd", 1), 1), TimeSpan.Zero, CancellationToken.None);

        await Wait.UntilAsync(() => Task.FromResult(_erp.FindByExternalId("customers", "A3") is not null), "the customer reaches the ERP", 60);
        Assert.Empty(await host.State.ListDeadLettersAsync(new DeadLetterQuery(), CancellationToken.None));
        var stats = await host.State.GetStatsAsync(CancellationToken.None);
        Assert.Equal(5, stats.Single(s => s.Route == BridgeTestHost.CustomerRoute.Name).Count(SyncOutcomeKind.Retried));
    }

    [Fact]
    public async Task PermanentValidationError_IsDeadLetteredAndReplayedAfterTheFix()
    {
        await using var host = NewHost();
        await host.StartAsync();
        _crm.Put("A4", Account("A4", null, 1), 1);

        await host.Queue.EnqueueAsync(Envelope("A4", null, 1), TimeSpan.Zero, CancellationToken.None);

        await Wait.UntilAsync(async () => (await host.DeadLetters.ListAsync(new DeadLetterQuery(), CancellationToken.None)).Count == 1, "the record is dead-lettered");
        var letter = (await host.DeadLetters.ListAsync(new DeadLetterQuery(), CancellationToken.None)).Single();
        Assert.Equal("VALIDATION", letter.ErrorCode);
        Assert.Contains("name", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _erp.Count("customers"));

        _crm.Put("A4", Account("A4", "Fixed Name Ltd", 2), 2);
        Assert.True(await host.DeadLetters.ReplayAsync(letter.Id, CancellationToken.None));

        await Wait.UntilAsync(() => Task.FromResult(_erp.FindByExternalId("customers", "A4") is not null), "the replayed record reaches the ERP");
        Assert.Equal("Fixed Name Ltd", _erp.FindByExternalId("customers", "A4")!["name"]!.GetValue<string>());
        Assert.Equal(DeadLetterStatus.Replayed, (await host.DeadLetters.GetAsync(letter.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task HostKilledMidBatch_LosesNothingAndDuplicatesNothing()
    {
        const int records = 40;
        var first = NewHost(o =>
        {
            o.ShutdownTimeout = TimeSpan.Zero;
            o.VisibilityTimeout = TimeSpan.FromSeconds(2);
            o.BatchDeliveries = false;
            o.Concurrency = 2;
        });
        for (var i = 0; i < records; i++)
        {
            await first.Queue.EnqueueAsync(Envelope($"K{i}", Account($"K{i}", $"Killed {i}", 1), 1), TimeSpan.Zero, CancellationToken.None);
        }

        _erp.Faults.FailNext(records, SandboxFaultKind.Latency, TimeSpan.FromMilliseconds(100));
        await first.StartAsync();
        await Wait.UntilAsync(() => Task.FromResult(_erp.Count("customers") >= 3), "the first host is mid-way");
        await first.DisposeAsync(); // stop with no grace: in-flight envelopes are abandoned, not completed
        Assert.True(_erp.Count("customers") < records, "the first host was stopped before it finished");

        _erp.Faults.Clear();
        await using var second = NewHost(o => o.VisibilityTimeout = TimeSpan.FromSeconds(2));
        await second.StartAsync();

        await Wait.UntilAsync(() => Task.FromResult(_erp.Count("customers") == records), $"all {records} customers are in the ERP", 60);
        await Wait.UntilAsync(async () => await second.Queue.CountAsync(CancellationToken.None) == 0, "the queue drains", 60);
        Assert.Equal(records, _erp.ListRecords("customers").Select(r => r["externalId"]!.GetValue<string>()).Distinct().Count());
        Assert.Empty(await second.State.ListDeadLettersAsync(new DeadLetterQuery(), CancellationToken.None));
    }
}
