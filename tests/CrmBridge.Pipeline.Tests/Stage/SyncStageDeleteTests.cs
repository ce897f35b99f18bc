using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

/// <summary>A delete is final until the source says otherwise: stale snapshots and lookups do not bring the target back.</summary>
public sealed class SyncStageDeleteTests
{
    private static readonly SyncRoute DeletingCustomers = StageHarness.CustomerRoute with { OnDelete = DeleteBehavior.Delete };
    private readonly StageHarness _h = new(mapper: new OrderAwareMapper([DeletingCustomers, StageHarness.OrderRoute]));

    [Fact]
    public async Task HandleAsync_SnapshotOlderThanTheDelete_DoesNotRecreateTheTargetAndReadsTheSourceOnce()
    {
        await DeleteSyncedAccountAsync();

        // Enqueued by an earlier poll (or redelivered) and handled after the delete.
        var stale = await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Skipped, Assert.Single(stale.Outcomes).Kind);
        Assert.Empty(_h.Target.Records);
        Assert.Equal(1, _h.Target.UpsertCalls + _h.Target.BatchCalls); // the first sync only
        _h.Source.Verify(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()), Times.Exactly(2)); // delete check + stale snapshot
        Assert.True((await _h.State.GetLedgerAsync(DeletingCustomers.Name, "A1", CancellationToken.None))!.IsTombstone);
    }

    [Fact]
    public async Task HandleAsync_RecordRestoredAfterTheDelete_DeliversTheSourceRecord()
    {
        await DeleteSyncedAccountAsync();
        _h.Source.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", "Acme (restored)", modified: 1), "1"));

        var restored = await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", modified: 1), "A1"), 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Delivered, Assert.Single(restored.Outcomes).Kind);
        Assert.Equal("Acme (restored)", _h.Target.Records["customers|A1"].Data["name"]!.GetValue<string>());
        var ledger = await _h.State.GetLedgerAsync(DeletingCustomers.Name, "A1", CancellationToken.None);
        Assert.False(ledger!.IsTombstone);
        Assert.Equal(_h.Target.Records["customers|A1"].Id, ledger.TargetId);
    }

    [Fact]
    public async Task HandleAsync_OrderOfADeletedCustomer_IsNotDeliveredWithTheDeletedCustomerId()
    {
        await DeleteSyncedAccountAsync();
        _h.Source.Setup(c => c.GetAsync("orders", "O1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SourceRecord("O1", StageHarness.Order("O1", "A1", "SO-1"), "1"));

        var order = await _h.Stage.HandleAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, CancellationToken.None);

        Assert.DoesNotContain(order.Outcomes, o => o.Kind == SyncOutcomeKind.Delivered);
        Assert.Empty(_h.Target.Records);
        Assert.Equal(DeadLetterCodes.DependencyNotFound, Assert.Single(_h.State.DeadLetters).ErrorCode);
        Assert.Null(await _h.State.FindCrossReferenceAsync(new RecordRef("crm", "accounts", "A1"), "erp", "customers", CancellationToken.None));
    }

    private async Task DeleteSyncedAccountAsync()
    {
        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        Assert.Single(_h.Target.Records);
        _h.Source.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>())).ReturnsAsync((SourceRecord?)null);
        var delete = StageHarness.Envelope("accounts", null, "A1") with { Operation = ChangeOperation.Delete, SourceVersion = null };

        var deleted = await _h.Stage.HandleAsync(delete, 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Deleted, Assert.Single(deleted.Outcomes).Kind);
        Assert.Empty(_h.Target.Records);
    }
}
