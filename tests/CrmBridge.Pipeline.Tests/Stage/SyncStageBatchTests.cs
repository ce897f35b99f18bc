using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class SyncStageBatchTests
{
    private readonly StageHarness _h = new();

    [Fact]
    public async Task HandleBatchAsync_ManyRecordsForOneEntity_UseOneBatchCall()
    {
        var items = Enumerable.Range(1, 20)
            .Select(i => (StageHarness.Envelope("accounts", StageHarness.Account($"A{i}", $"Customer {i}"), $"A{i}"), 1))
            .ToList();

        var result = await _h.Stage.HandleBatchAsync(items, CancellationToken.None);

        Assert.Equal(20, result.Count(SyncOutcomeKind.Delivered));
        Assert.Equal(1, _h.Target.BatchCalls);
        Assert.Equal(0, _h.Target.UpsertCalls);
        Assert.Equal(20, _h.Target.Records.Count);
    }

    [Fact]
    public async Task HandleBatchAsync_OneItemRejected_OnlyThatItemIsDeadLettered()
    {
        _h.Target.Validate = r => r.KeyValue == "A2" ? new ConnectorException("erp", ErrorKind.Permanent, "INVALID_VALUE", "segment is not allowed", 400) : null;
        var items = new[] { "A1", "A2", "A3" }.Select(id => (StageHarness.Envelope("accounts", StageHarness.Account(id, "N " + id), id), 1)).ToList();

        var result = await _h.Stage.HandleBatchAsync(items, CancellationToken.None);

        Assert.Equal(2, result.Count(SyncOutcomeKind.Delivered));
        Assert.Equal("A2", Assert.Single(_h.State.DeadLetters).Envelope.RecordId);
        Assert.Equal(["customers|A1", "customers|A3"], _h.Target.Records.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HandleBatchAsync_WholeBatchCallThrottled_RetriesEveryItem()
    {
        _h.Target.FailNext(new ConnectorException("erp", ErrorKind.Throttled, "HTTP_429", "throttled", 429, TimeSpan.FromSeconds(3)));
        var items = new[] { "A1", "A2" }.Select(id => (StageHarness.Envelope("accounts", StageHarness.Account(id, "N " + id), id), 1)).ToList();

        var result = await _h.Stage.HandleBatchAsync(items, CancellationToken.None);

        Assert.Equal(2, result.Count(SyncOutcomeKind.Retried));
        Assert.All(_h.Queue.Enqueued, e => Assert.True(e.Delay >= TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task HandleBatchAsync_TwoVersionsOfOneRecordInOneBatch_AppliesThemInOrder()
    {
        var items = new List<(ChangeEnvelope, int)>
        {
            (StageHarness.Envelope("accounts", StageHarness.Account("A1", "First", modified: 1), "A1"), 1),
            (StageHarness.Envelope("accounts", StageHarness.Account("A1", "Second", modified: 2), "A1"), 1),
        };

        await _h.Stage.HandleBatchAsync(items, CancellationToken.None);

        Assert.Equal("Second", _h.Target.Records["customers|A1"].Data["name"]!.ToString());
    }

    [Fact]
    public async Task HandleAsync_TwoVersionsRacingInTwoLanes_NewerWinsWhateverFinishesFirst()
    {
        var olderWriteStarted = new TaskCompletionSource();
        var releaseOlderWrite = new TaskCompletionSource();
        _h.Target.BeforeUpsert = async r =>
        {
            if (r.Data["name"]!.ToString() == "Shipped")
            {
                olderWriteStarted.SetResult();
                await releaseOlderWrite.Task;
            }
        };

        var older = _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Shipped", modified: 2), "A1"), 1, CancellationToken.None);
        await olderWriteStarted.Task;
        var newer = _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Invoiced", modified: 3), "A1"), 1, CancellationToken.None);
        await Task.Delay(100);
        releaseOlderWrite.SetResult();
        await Task.WhenAll(older, newer);

        Assert.Equal("Invoiced", _h.Target.Records["customers|A1"].Data["name"]!.ToString());
    }

    [Fact]
    public async Task HandleAsync_DeleteOnRouteThatDeletes_DeletesTheCrossReferencedTarget()
    {
        var route = StageHarness.CustomerRoute with { OnDelete = DeleteBehavior.Delete };
        var h = new StageHarness(mapper: new OrderAwareMapper([route]));
        await h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        var delete = StageHarness.Envelope("accounts", null, "A1") with { Operation = ChangeOperation.Delete, SourceVersion = null };
        h.Source.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>())).ReturnsAsync((SourceRecord?)null);

        var result = await h.Stage.HandleAsync(delete, 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Deleted, Assert.Single(result.Outcomes).Kind);
        Assert.Empty(h.Target.Records);
        Assert.True((await h.State.GetLedgerAsync(route.Name, "A1", CancellationToken.None))!.IsTombstone);
    }

    [Fact]
    public async Task HandleAsync_DeleteTheSourceDoesNotConfirm_LeavesTheTarget()
    {
        var route = StageHarness.CustomerRoute with { OnDelete = DeleteBehavior.Delete };
        var h = new StageHarness(mapper: new OrderAwareMapper([route]));
        await h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        var forged = StageHarness.Envelope("accounts", null, "A1") with { Operation = ChangeOperation.Delete, SourceVersion = null, Origin = EnvelopeOrigins.Webhook };
        h.Source.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>())).ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", "Acme"), "1"));

        await h.Stage.HandleAsync(forged, 1, CancellationToken.None);

        Assert.Single(h.Target.Records);
        Assert.Equal(0, h.Target.DeleteCalls);
        Assert.NotNull(await h.State.GetLedgerAsync(route.Name, "A1", CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_DeleteOnRouteThatIgnoresDeletes_LeavesTheTarget()
    {
        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        var delete = StageHarness.Envelope("accounts", null, "A1") with { Operation = ChangeOperation.Delete, SourceVersion = null };

        await _h.Stage.HandleAsync(delete, 1, CancellationToken.None);

        Assert.Single(_h.Target.Records);
        Assert.Equal(0, _h.Target.DeleteCalls);
    }
}
