using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class EnvelopePreparerTombstoneTests
{
    private static readonly SyncRoute Route = StageHarness.CustomerRoute with { OnDelete = DeleteBehavior.Delete };
    private static readonly RecordRef Account = new("crm", "accounts", "A1");
    private readonly Mock<IConnector> _crm = new(MockBehavior.Strict);
    private readonly Mock<IConnector> _erp = new(MockBehavior.Strict);
    private readonly Mock<ISyncStateStore> _state = new();
    private readonly CrossReferenceCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly EnvelopePreparer _preparer;

    public EnvelopePreparerTombstoneTests()
    {
        _crm.SetupGet(c => c.System).Returns("crm");
        _crm.As<IExactVersions>();
        _erp.SetupGet(c => c.System).Returns("erp");
        _preparer = new EnvelopePreparer(
            new ConnectorRegistry([_crm.Object, _erp.Object]),
            new OrderAwareMapper([Route, StageHarness.OrderRoute]),
            _state.Object,
            _cache,
            new PipelineOptions { MaxDequeueCount = 5 },
            NullLogger.Instance,
            _time);
    }

    [Fact]
    public async Task PrepareAsync_DeleteConfirmed_WritesATombstoneAndForgetsTheCrossReference()
    {
        _crm.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>())).ReturnsAsync((SourceRecord?)null);
        _state.Setup(s => s.FindCrossReferenceAsync(Account, "erp", "customers", It.IsAny<CancellationToken>())).ReturnsAsync("C-1");
        _erp.Setup(c => c.DeleteAsync("customers", "C-1", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _cache.Put(Account, new RecordRef("erp", "customers", "C-1"));
        var delete = StageHarness.Envelope("accounts", null, "A1") with { Operation = ChangeOperation.Delete, SourceVersion = null };

        var prepared = await _preparer.PrepareAsync(delete, 1, 0, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Deleted, Assert.Single(prepared.Routes).Outcome);
        _state.Verify(s => s.PutLedgerAsync(LedgerEntry.Tombstone(Route.Name, "A1", "C-1", _time.GetUtcNow()), It.IsAny<CancellationToken>()));
        _state.Verify(s => s.DeleteLedgerAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _state.Verify(s => s.DeleteCrossReferenceAsync(Account, "erp", "customers", It.IsAny<CancellationToken>()));
        Assert.False(_cache.TryGet(Account, "erp", "customers", out _));
        Assert.False(_cache.TryGet(new RecordRef("erp", "customers", "C-1"), "crm", "accounts", out _));
    }

    [Fact]
    public async Task PrepareAsync_SnapshotOfATombstonedRecordGoneAtTheSource_SkipsAfterOneRead()
    {
        Tombstoned();
        _crm.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>())).ReturnsAsync((SourceRecord?)null);

        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", 3), "A1"), 1, 0, CancellationToken.None);

        Assert.Empty(prepared.PendingDeliveries);
        Assert.Equal(SyncOutcomeKind.Skipped, Assert.Single(prepared.Routes).Outcome);
        _crm.Verify(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task PrepareAsync_SnapshotOfATombstonedRecordRestored_MapsTheRecordAsTheSourceHasIt()
    {
        Tombstoned();
        _crm.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", "Acme (restored)", 4), "4"));

        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", 3), "A1"), 1, 0, CancellationToken.None);

        var delivery = Assert.Single(prepared.PendingDeliveries);
        Assert.Equal(("Acme (restored)", "4"), (delivery.Document["name"]!.GetValue<string>(), delivery.SourceVersion));
    }

    [Fact]
    public async Task PrepareAsync_FetchOfATombstonedRecord_IsNotReadTwice()
    {
        Tombstoned();
        _crm.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", "Acme", 4), "4"));

        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("accounts", null, "A1", version: "4"), 1, 0, CancellationToken.None);

        Assert.Single(prepared.PendingDeliveries);
        _crm.Verify(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()), Times.Once);
    }

    private void Tombstoned() =>
        _state.Setup(s => s.GetLedgerAsync(Route.Name, "A1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(LedgerEntry.Tombstone(Route.Name, "A1", "C-1", _time.GetUtcNow().AddMinutes(-5)));
}
