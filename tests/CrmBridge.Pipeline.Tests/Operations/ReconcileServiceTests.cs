using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class ReconcileServiceTests
{
    private static readonly SyncRoute Route = new()
    {
        Name = "crm-to-erp", SourceSystem = "crm", SourceEntity = "accounts", TargetSystem = "erp", TargetEntity = "customers",
        SourceKeyField = "id", TargetKeyField = "externalId",
    };

    private readonly InMemorySyncStateStore _state = new();
    private readonly InMemoryWorkQueue _queue = new();
    private readonly Mock<IConnector> _crm = Connector("crm");
    private readonly Mock<IConnector> _erp = Connector("erp");
    private readonly Mock<IRecordMapper> _mapper = new();
    private readonly Dictionary<string, JsonObject> _crmRecords = [];
    private readonly Dictionary<string, JsonObject> _erpRecords = [];

    public ReconcileServiceTests()
    {
        _mapper.Setup(m => m.Routes).Returns([Route]);
        _mapper.Setup(m => m.Map(Route, It.IsAny<JsonObject>(), It.IsAny<ILookupResolver>())).Returns((SyncRoute _, JsonObject source, ILookupResolver _) =>
            source["name"]?.GetValue<string>() == "BAD"
                ? MapResult.Failed([new MappingError("name", "name", "map", "unknown value")])
                : MapResult.Mapped(new JsonObject { ["externalId"] = source["id"]!.GetValue<string>(), ["name"] = source["name"]!.GetValue<string>(), ["creditLimit"] = 100.00m }));
        Feed(_crm, _crmRecords);
        Feed(_erp, _erpRecords);
        _erp.Setup(c => c.GetAsync("customers", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => _erpRecords.TryGetValue(id, out var r) ? new SourceRecord(id, r, "1") : null);
    }

    [Fact]
    public async Task ReconcileAsync_OneOfEachProblem_CountsMissingStaleOrphanedAndUnmappable()
    {
        await SyncedAsync("A1", "Acme", "Acme", "100");      // in sync (numbers compare by value across string/number)
        await SyncedAsync("A2", "Beta", "Beta Old", "100");  // stale
        _crmRecords["A3"] = Account("A3", "Gamma");            // missing: no cross-reference
        await SyncedAsync("A4", "Delta", null, null);          // missing: target gone
        _crmRecords["A5"] = Account("A5", "BAD");              // unmappable
        _erpRecords["C9"] = new JsonObject { ["name"] = "Ghost" };
        await _state.PutCrossReferenceAsync(new CrossReference(new RecordRef("crm", "accounts", "A9"), new RecordRef("erp", "customers", "C9")), CancellationToken.None);

        var report = await Service().ReconcileAsync(new ReconcileRequest("crm", "accounts"), null, CancellationToken.None);

        var route = Assert.Single(report.Routes);
        Assert.Equal((5, 4, 1, 2, 1, 1, 1), (report.SourceRecords, route.Checked, route.InSync, route.Missing, route.Stale, route.Orphaned, route.Unmappable));
        Assert.Contains(route.Examples, e => e is { Kind: ReconcileFindingKind.Stale, SourceId: "A2", Detail: "differs in name" });
        Assert.Contains(route.Examples, e => e is { Kind: ReconcileFindingKind.Orphaned, SourceId: "A9", TargetId: "C9" });
        Assert.False(report.Whole);
        Assert.Empty(_queue.Enqueued);
    }

    [Fact]
    public async Task ReconcileAsync_Repair_ForgetsLedgerAndEnqueuesLatestVersionWithReconcileOrigin()
    {
        await SyncedAsync("A2", "Beta", "Beta Old", "100");
        await _state.PutLedgerAsync(new LedgerEntry(Route.Name, "A2", "1", "hash", "C-A2", DateTimeOffset.UnixEpoch), CancellationToken.None);
        _crmRecords["A3"] = Account("A3", "Gamma");

        var report = await Service().ReconcileAsync(new ReconcileRequest("crm", "accounts", Repair: true), null, CancellationToken.None);

        Assert.Equal(2, report.Routes[0].Repaired);
        Assert.Null(await _state.GetLedgerAsync(Route.Name, "A2", CancellationToken.None));
        Assert.Equal(["A2", "A3"], _queue.Enqueued.Select(e => e.Envelope.RecordId).Order());
        Assert.All(_queue.Enqueued, e => Assert.Equal((EnvelopeOrigins.Reconcile, Route.Name, ChangeOperation.Upsert), (e.Envelope.Origin, e.Envelope.Route, e.Envelope.Operation)));
        Assert.Equal("Beta", _queue.Enqueued.Single(e => e.Envelope.RecordId == "A2").Envelope.Snapshot!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReconcileAsync_DiffersButLatestVersionIsTheBridgesOwnWrite_CountsEchoNotStale()
    {
        await SyncedAsync("A2", "Beta", "Beta Old", "100");
        await _state.PutEchoAsync(new WriteEcho(new RecordRef("crm", "accounts", "A2"), "1", "hash", DateTimeOffset.UnixEpoch), CancellationToken.None);

        var report = await Service().ReconcileAsync(new ReconcileRequest("crm", "accounts"), null, CancellationToken.None);

        Assert.Equal((1, 0, 1), (report.Routes[0].Echoes, report.Routes[0].Stale, report.Routes[0].Checked));
    }

    [Fact]
    public async Task ReconcileAsync_EqualAndLatestVersionIsTheBridgesOwnWrite_CountsInSync()
    {
        await SyncedAsync("A1", "Acme", "Acme", "100");
        await _state.PutEchoAsync(new WriteEcho(new RecordRef("crm", "accounts", "A1"), "1", "hash", DateTimeOffset.UnixEpoch), CancellationToken.None);

        var report = await Service().ReconcileAsync(new ReconcileRequest("crm", "accounts"), null, CancellationToken.None);

        Assert.Equal((0, 1), (report.Routes[0].Echoes, report.Routes[0].InSync));
    }

    [Fact]
    public async Task ReconcileAsync_SourceReadInPages_ReadsEveryPage()
    {
        _crm.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChangePage([new RecordChange("A1", ChangeOperation.Upsert, "1", Account("A1", "Acme"))], "p2", HasMore: true));
        _crm.Setup(c => c.GetChangesAsync("accounts", "p2", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChangePage([new RecordChange("A2", ChangeOperation.Upsert, "1", null)], "p3", HasMore: false));
        _crm.Setup(c => c.GetAsync("accounts", "A2", It.IsAny<CancellationToken>())).ReturnsAsync(new SourceRecord("A2", Account("A2", "Beta"), "1"));

        var report = await Service().ReconcileAsync(new ReconcileRequest("crm", "accounts"), null, CancellationToken.None);

        Assert.Equal(2, report.SourceRecords);
        Assert.Equal(2, report.Routes[0].Missing);
    }

    [Fact]
    public async Task ReconcileAsync_UnknownEntity_ThrowsNamingTheMappedSources()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Service().ReconcileAsync(new ReconcileRequest("crm", "contacts"), null, CancellationToken.None));

        Assert.Contains("crm/accounts", ex.Message, StringComparison.Ordinal);
    }

    private ReconcileService Service() =>
        new(new ConnectorRegistry([_crm.Object, _erp.Object]), _mapper.Object, _state, _queue, new CrossReferenceCache(), new FakeTimeProvider());

    private async Task SyncedAsync(string id, string name, string? targetName, string? creditLimit)
    {
        _crmRecords[id] = Account(id, name);
        if (targetName is not null)
        {
            _erpRecords["C-" + id] = new JsonObject { ["id"] = "C-" + id, ["externalId"] = id, ["name"] = targetName, ["creditLimit"] = creditLimit };
        }

        await _state.PutCrossReferenceAsync(new CrossReference(new RecordRef("crm", "accounts", id), new RecordRef("erp", "customers", "C-" + id)), CancellationToken.None);
    }

    private static JsonObject Account(string id, string name) => new() { ["id"] = id, ["name"] = name };

    private static Mock<IConnector> Connector(string system)
    {
        var mock = new Mock<IConnector>();
        mock.Setup(c => c.System).Returns(system);
        return mock;
    }

    private static void Feed(Mock<IConnector> connector, Dictionary<string, JsonObject> records) =>
        connector.Setup(c => c.GetChangesAsync(It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ChangePage([.. records.Select(r => new RecordChange(r.Key, ChangeOperation.Upsert, "1", (JsonObject)r.Value.DeepClone()))], "end", HasMore: false));
}
