using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.StatusWriteback;

/// <summary>Status envelopes: coalesced per record (latest wins), batched per CRM entity, written once, failing softly.</summary>
public sealed class SyncStatusWriterTests
{
    private readonly StatusHarness _s = new();

    [Fact]
    public async Task HandleBatchAsync_FiftyOutcomes_OneBatchWriteToTheCrm()
    {
        var envelopes = Enumerable.Range(1, 50).Select(i => Status($"A{i}", SyncStatusKind.Synced, erp: $"C{i}")).ToList();

        var result = await _s.H.Stage.HandleBatchAsync(envelopes.Select(e => (e, 1)).ToList(), CancellationToken.None);

        Assert.Equal(1, _s.BatchCalls);
        Assert.Equal(50, _s.Written.Count);
        Assert.Equal(50, result.Count(SyncOutcomeKind.Delivered));
    }

    [Fact]
    public async Task HandleBatchAsync_SameRecordTwice_LatestOutcomeWins()
    {
        var older = Status("A1", SyncStatusKind.Failed, error: "broken", at: 1);
        var newer = Status("A1", SyncStatusKind.Synced, erp: "C1", at: 2);

        var result = await _s.H.Stage.HandleBatchAsync([(newer, 1), (older, 1)], CancellationToken.None);

        Assert.Equal("synced", Assert.Single(_s.Written).Data["sync_status"]!.ToString());
        Assert.Equal([SyncOutcomeKind.Delivered, SyncOutcomeKind.Skipped], result.Outcomes.Select(o => o.Kind).Order());
    }

    [Fact]
    public async Task HandleBatchAsync_FailedStatusTheRecordAlreadyShows_NotWrittenAgain()
    {
        await _s.H.Stage.HandleBatchAsync([(Status("A1", SyncStatusKind.Failed, error: "broken", at: 1), 1)], CancellationToken.None);

        var again = await _s.H.Stage.HandleBatchAsync([(Status("A1", SyncStatusKind.Failed, error: "broken", at: 2), 1)], CancellationToken.None);

        Assert.Single(_s.Written);
        Assert.Equal([SyncOutcomeKind.Skipped], again.Outcomes.Select(o => o.Kind));
    }

    [Fact]
    public async Task HandleBatchAsync_OutcomeOlderThanTheOneWritten_Dropped()
    {
        await _s.H.Stage.HandleBatchAsync([(Status("A1", SyncStatusKind.Synced, erp: "C1", at: 5), 1)], CancellationToken.None);

        await _s.H.Stage.HandleBatchAsync([(Status("A1", SyncStatusKind.Failed, error: "late retry", at: 4), 1)], CancellationToken.None);

        Assert.Equal("synced", Assert.Single(_s.Written).Data["sync_status"]!.ToString());
    }

    [Fact]
    public async Task HandleBatchAsync_LongReason_CutToTheConfiguredLength()
    {
        var s = new StatusHarness(StatusHarness.Fields with { ErrorMaxLength = 20 });

        await s.H.Stage.HandleBatchAsync([(Status("A1", SyncStatusKind.Failed, error: new string('x', 50)), 1)], CancellationToken.None);

        Assert.Equal(new string('x', 19) + "…", Assert.Single(s.Written).Data["sync_error"]!.ToString());
    }

    [Fact]
    public async Task HandleBatchAsync_CrmThrottles_RequeuedWithBackoffNeverDeadLettered()
    {
        _s.H.Source.Setup(c => c.UpsertAsync(It.IsAny<UpsertRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.Throttled, "HTTP_429", "slow down", 429, TimeSpan.FromSeconds(30)));

        var result = await _s.H.Stage.HandleBatchAsync([(Status("A1", SyncStatusKind.Synced, erp: "C1"), 1)], CancellationToken.None);

        Assert.Equal([SyncOutcomeKind.Retried], result.Outcomes.Select(o => o.Kind));
        var (retry, delay) = Assert.Single(_s.H.Queue.Enqueued);
        Assert.Equal((1, EnvelopeOrigins.SyncStatus), (retry.Attempt, retry.Origin));
        Assert.True(delay >= TimeSpan.FromSeconds(30));
        Assert.Empty(await _s.H.State.ListDeadLettersAsync(new DeadLetterQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task HandleBatchAsync_CrmRefusesTheField_GivenUpAsFailedNeverDeadLettered()
    {
        _s.H.Source.Setup(c => c.UpsertAsync(It.IsAny<UpsertRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.Permanent, "INVALID_DATA", "sync_status: no such field"));

        var result = await _s.H.Stage.HandleBatchAsync([(Status("A1", SyncStatusKind.Synced, erp: "C1"), 1)], CancellationToken.None);

        Assert.Equal([SyncOutcomeKind.Failed], result.Outcomes.Select(o => o.Kind));
        Assert.Empty(_s.H.Queue.Enqueued);
        Assert.Empty(await _s.H.State.ListDeadLettersAsync(new DeadLetterQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task HandleBatchAsync_StatusAndChangeInOneBatch_ChangeSyncsAsUsual()
    {
        var change = StageHarness.Envelope("accounts", StageHarness.Account("A2", "Beta"), "A2");

        var result = await _s.H.Stage.HandleBatchAsync([(Status("A1", SyncStatusKind.Synced, erp: "C1"), 1), (change, 1)], CancellationToken.None);

        Assert.Equal(2, result.Count(SyncOutcomeKind.Delivered));
        Assert.Single(_s.H.Target.Records);
    }

    private ChangeEnvelope Status(string id, SyncStatusKind kind, string? erp = null, string? error = null, int at = 0) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = "crm",
        Entity = "accounts",
        RecordId = id,
        CorrelationId = "corr-" + id,
        FirstSeen = _s.H.Time.GetUtcNow(),
        Route = _s.Route.Name,
        Origin = EnvelopeOrigins.SyncStatus,
        Status = new SyncStatusUpdate(kind, _s.H.Time.GetUtcNow().AddSeconds(at), erp, error),
    };
}
