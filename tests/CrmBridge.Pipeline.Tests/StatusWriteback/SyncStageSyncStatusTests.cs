using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.StatusWriteback;

/// <summary>The stage reports each route's outcome to the source record's status fields, and never syncs its own status write again.</summary>
public sealed class SyncStageSyncStatusTests
{
    private readonly StatusHarness _s = new();

    [Fact]
    public async Task HandleAsync_Delivered_WritesSyncedTheErpNumberAndTheTimeAndClearsTheError()
    {
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        var drained = await _s.DrainAsync();

        var write = Assert.Single(_s.Written);
        var erpId = Assert.Single(_s.H.Target.Records).Value.Id;
        Assert.Equal(("accounts", "id", "A1"), (write.Entity, write.KeyField, write.KeyValue));
        Assert.Equal(["sync_status", "erp_no", "sync_error", "synced_on"], write.Data.Select(p => p.Key));
        Assert.Equal(("synced", erpId, "2026-11-27T08:00:00+00:00"), (write.Data["sync_status"]!.ToString(), write.Data["erp_no"]!.ToString(), write.Data["synced_on"]!.ToString()));
        Assert.Null(write.Data["sync_error"]);
        Assert.Equal([SyncOutcomeKind.Delivered], drained.Outcomes.Select(o => o.Kind));
        Assert.Equal("status:" + _s.Route.Name, drained.Outcomes[0].Route);
    }

    [Fact]
    public async Task HandleAsync_MappingFails_WritesFailedWithTheDeadLettersReason()
    {
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", ""), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();

        var letter = Assert.Single(await _s.H.State.ListDeadLettersAsync(new DeadLetterQuery(), CancellationToken.None));
        var write = Assert.Single(_s.Written);
        Assert.Equal("failed", write.Data["sync_status"]!.ToString());
        Assert.Equal(letter.Reason, write.Data["sync_error"]!.ToString());
        Assert.False(write.Data.ContainsKey("erp_no"));
        Assert.False(write.Data.ContainsKey("synced_on"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandleAsync_EchoOfSyncedStatusWrite_SkippedWithoutTargetWriteOrNewStatus(bool webhook)
    {
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();
        var echoed = StageHarness.Account("A1", "Acme", modified: 2);
        echoed["sync_status"] = "synced";

        var result = await _s.H.Stage.HandleAsync(_s.Reported(echoed, webhook), 1, CancellationToken.None);

        Assert.Equal([SyncOutcomeKind.Skipped], result.Outcomes.Select(o => o.Kind));
        Assert.Equal(1, _s.H.Target.UpsertCalls);
        Assert.Single(_s.Statuses);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandleAsync_EchoOfFailedStatusWriteAfterMappingFailure_DroppedWithoutSecondDeadLetter(bool webhook)
    {
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", ""), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();

        var result = await _s.H.Stage.HandleAsync(_s.Reported(StageHarness.Account("A1", "", modified: 2), webhook), 1, CancellationToken.None);

        Assert.Equal([SyncOutcomeKind.Echo], result.Outcomes.Select(o => o.Kind));
        Assert.Single(await _s.H.State.ListDeadLettersAsync(new DeadLetterQuery(), CancellationToken.None));
        Assert.Single(_s.Statuses);
        Assert.Equal(0, _s.H.Target.UpsertCalls);
    }

    [Fact]
    public async Task HandleAsync_EchoOfFailedStatusWriteAfterTargetRejection_NoSecondTargetWrite()
    {
        _s.H.Target.FailNext(new ConnectorException("erp", ErrorKind.Permanent, "VALIDATION", "name is too long"));
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();
        Assert.Equal("failed", Assert.Single(_s.Written).Data["sync_status"]!.ToString());

        var result = await _s.H.Stage.HandleAsync(_s.Reported(StageHarness.Account("A1", "Acme", modified: 2)), 1, CancellationToken.None);

        Assert.Equal([SyncOutcomeKind.Echo], result.Outcomes.Select(o => o.Kind));
        Assert.Equal(1, _s.H.Target.UpsertCalls);
    }

    [Fact]
    public async Task HandleAsync_UserEditAfterFailedStatus_SyncsAndWritesSynced()
    {
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", ""), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();

        // Same version as the status write (a same-second edit with modification times), but the mapped content changed.
        var result = await _s.H.Stage.HandleAsync(_s.Reported(StageHarness.Account("A1", "Fixed", modified: 2)), 1, CancellationToken.None);
        await _s.DrainAsync();

        Assert.Equal([SyncOutcomeKind.Delivered], result.Outcomes.Select(o => o.Kind));
        Assert.Equal(["failed", "synced"], _s.Written.Select(w => w.Data["sync_status"]!.ToString()));
        Assert.Null(_s.Written.Last().Data["sync_error"]);
    }

    [Fact]
    public async Task ReplayAsync_AfterTheRecordWasFixed_WritesSyncedAndClearsTheError()
    {
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", ""), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();
        var letter = Assert.Single(await _s.H.State.ListDeadLettersAsync(new DeadLetterQuery(), CancellationToken.None));
        _s.H.Source.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>())).ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", "Acme", 3), "3"));

        Assert.True(await _s.H.DeadLetters.ReplayAsync(letter.Id, CancellationToken.None));
        var replay = _s.H.Queue.Enqueued.Select(e => e.Envelope).Single(e => e.Origin == EnvelopeOrigins.Replay);
        var result = await _s.H.Stage.HandleAsync(replay, 1, CancellationToken.None);
        await _s.DrainAsync();

        Assert.Equal([SyncOutcomeKind.Delivered], result.Outcomes.Select(o => o.Kind));
        var synced = _s.Written.Last();
        Assert.Equal("synced", synced.Data["sync_status"]!.ToString());
        Assert.Null(synced.Data["sync_error"]);
        Assert.Equal(_s.H.Target.Records.Single().Value.Id, synced.Data["erp_no"]!.ToString());
    }

    [Fact]
    public async Task HandleAsync_AlreadyDeliveredWhileStatusShowsFailed_WritesSyncedAgain()
    {
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();
        _s.H.Time.Advance(TimeSpan.FromSeconds(1));
        _s.H.Target.FailNext(new ConnectorException("erp", ErrorKind.Permanent, "VALIDATION", "rejected"));
        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme Ltd", 3), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();

        // The edit is undone: the content is what the ERP already has, so nothing is delivered, but the status is right again.
        _s.H.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", 4), "A1"), 1, CancellationToken.None);
        await _s.DrainAsync();

        Assert.Equal([SyncOutcomeKind.Skipped], result.Outcomes.Select(o => o.Kind));
        Assert.Equal(["synced", "failed", "synced"], _s.Written.Select(w => w.Data["sync_status"]!.ToString()));
        Assert.Equal(2, _s.H.Target.UpsertCalls);
    }

    [Fact]
    public async Task HandleAsync_TransientFailureWithPendingOnRetry_WritesPendingAndItsEchoWritesNothing()
    {
        var s = new StatusHarness(StatusHarness.Fields with { PendingOnRetry = true });
        s.H.Target.FailNext(new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "unavailable"));
        await s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        await s.DrainAsync();

        var echo = await s.H.Stage.HandleAsync(s.Reported(StageHarness.Account("A1", "Acme", modified: 2)), 1, CancellationToken.None);

        Assert.Equal("""{"sync_status":"pending"}""", Assert.Single(s.Written).Data.ToJsonString());
        Assert.Equal([SyncOutcomeKind.Echo], echo.Outcomes.Select(o => o.Kind));
        Assert.Equal(1, s.H.Target.UpsertCalls);
    }

    [Fact]
    public async Task HandleAsync_TransientFailureWithoutPendingOnRetry_WritesNoStatus()
    {
        _s.H.Target.FailNext(new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "unavailable"));

        await _s.H.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);

        Assert.Empty(_s.Statuses);
    }
}
