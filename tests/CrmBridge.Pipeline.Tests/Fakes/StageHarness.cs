using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.StatusWriteback;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CrmBridge.Pipeline.Tests.Fakes;

/// <summary>Builds a <see cref="SyncStage"/> with a mocked CRM source, a fake ERP target, and in-memory queue and state.</summary>
internal sealed class StageHarness
{
    public static readonly SyncRoute CustomerRoute = new()
    {
        Name = "crm-account-to-erp-customer",
        SourceSystem = "crm",
        SourceEntity = "accounts",
        TargetSystem = "erp",
        TargetEntity = "customers",
        SourceKeyField = "id",
        TargetKeyField = "externalId",
        VersionField = "modified",
    };

    public static readonly SyncRoute OrderRoute = new()
    {
        Name = "crm-order-to-erp-order",
        SourceSystem = "crm",
        SourceEntity = "orders",
        TargetSystem = "erp",
        TargetEntity = "salesOrders",
        SourceKeyField = "id",
        TargetKeyField = "externalId",
        VersionField = "modified",
        Lookups = [new LookupDefinition("customer", "crm", "accounts", "erp", "customers")],
    };

    /// <summary>The harness clock's start.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public StageHarness(PipelineOptions? options = null, IRecordMapper? mapper = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Options = options ?? new PipelineOptions { Concurrency = 4, MaxAttempts = 8 };
        Source.SetupGet(c => c.System).Returns("crm");

        // Bulk reads behave as the contract's default (one read per id), so tests set up single reads only.
        Source.Setup(c => c.GetManyAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .Returns(async (string entity, IReadOnlyList<string> ids, CancellationToken ct) =>
            {
                BulkReads.Add((entity, ids));
                var found = new Dictionary<string, SourceRecord>(StringComparer.Ordinal);
                foreach (var id in ids)
                {
                    if (await Source.Object.GetAsync(entity, id, ct) is { } record)
                    {
                        found[id] = record;
                    }
                }

                return (IReadOnlyDictionary<string, SourceRecord>)found;
            });
        Mapper = mapper ?? new OrderAwareMapper([CustomerRoute, OrderRoute]);
        SyncStatus = new SyncStatusPublisher(Mapper, Queue, Time, NullLogger<SyncStatusPublisher>.Instance);
        DeadLetters = new DeadLetterService(State, Queue, Time, NullLogger<DeadLetterService>.Instance, SyncStatus);
        Stage = new SyncStage(
            new ConnectorRegistry([Source.Object, Target]),
            Mapper,
            State,
            Queue,
            DeadLetters,
            Microsoft.Extensions.Options.Options.Create(Options),
            new CrossReferenceCache(),
            new CircuitBreakers(Microsoft.Extensions.Options.Options.Create(Options), State, Time, NullLogger<CircuitBreakers>.Instance),
            Time,
            NullLogger<SyncStage>.Instance,
            SyncStatus);
    }

    public SyncStatusPublisher SyncStatus { get; }

    public DeadLetterService DeadLetters { get; }

    public PipelineOptions Options { get; }

    public Mock<IConnector> Source { get; } = new(MockBehavior.Strict);

    /// <summary>Gets the bulk reads of the source (entity, ids), in call order.</summary>
    public System.Collections.Concurrent.ConcurrentBag<(string Entity, IReadOnlyList<string> Ids)> BulkReads { get; } = [];

    public FakeTargetConnector Target { get; } = new("erp");

    public InMemoryWorkQueue Queue { get; } = new();

    public InMemorySyncStateStore State { get; } = new();

    public FakeTimeProvider Time { get; }

    public IRecordMapper Mapper { get; }

    public SyncStage Stage { get; }

    public static JsonObject Account(string id, string name, long modified = 1) =>
        new() { ["id"] = id, ["name"] = name, ["modified"] = modified };

    public static JsonObject Order(string id, string accountId, string number, long modified = 1, string status = "Confirmed") =>
        new() { ["id"] = id, ["accountId"] = accountId, ["number"] = number, ["modified"] = modified, ["status"] = status };

    public static ChangeEnvelope Envelope(string entity, JsonObject? snapshot, string id, string? version = null, int attempt = 0) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = "crm",
        Entity = entity,
        RecordId = id,
        Operation = ChangeOperation.Upsert,
        SourceVersion = version ?? snapshot?["modified"]?.ToString(),
        Snapshot = snapshot,
        CorrelationId = "corr-" + id,
        FirstSeen = Start, // the harness clock's start: retries are bounded by age
        Attempt = attempt,
    };
}
