using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using CrmBridge.Testing.Mapping;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class SyncStageTests
{
    private readonly StageHarness _h = new();

    [Fact]
    public async Task HandleAsync_NewRecord_DeliversAndRecordsLedgerCrossReferenceAndEcho()
    {
        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);

        Assert.Equal(1, result.Count(SyncOutcomeKind.Delivered));
        var delivered = Assert.Single(_h.Target.Records);
        Assert.Equal("Acme", delivered.Value.Data["name"]!.ToString());
        Assert.False(delivered.Value.Data.ContainsKey("externalId"));
        var ledger = await _h.State.GetLedgerAsync(StageHarness.CustomerRoute.Name, "A1", CancellationToken.None);
        Assert.Equal(delivered.Value.Id, ledger!.TargetId);
        Assert.Equal("1", ledger.SourceVersion);
        Assert.Equal(delivered.Value.Id, await _h.State.FindCrossReferenceAsync(new RecordRef("crm", "accounts", "A1"), "erp", "customers", CancellationToken.None));
        Assert.Equal("A1", await _h.State.FindCrossReferenceAsync(new RecordRef("erp", "customers", delivered.Value.Id), "crm", "accounts", CancellationToken.None));
        Assert.NotNull(await _h.State.GetEchoAsync(new RecordRef("erp", "customers", delivered.Value.Id), CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_SameEnvelopeDeliveredThreeTimes_WritesTargetOnce()
    {
        var envelope = StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1");

        var outcomes = new List<SyncOutcomeKind>();
        for (var i = 1; i <= 3; i++)
        {
            outcomes.AddRange((await _h.Stage.HandleAsync(envelope, i, CancellationToken.None)).Outcomes.Select(o => o.Kind));
        }

        Assert.Equal([SyncOutcomeKind.Delivered, SyncOutcomeKind.Skipped, SyncOutcomeKind.Skipped], outcomes);
        Assert.Equal(1, _h.Target.UpsertCalls);
        Assert.Single(_h.Target.Records);
    }

    [Fact]
    public async Task HandleAsync_OlderVersionAfterNewer_NeverOverwrites()
    {
        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme New", modified: 5), "A1"), 1, CancellationToken.None);

        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme Old", modified: 3), "A1"), 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Skipped, Assert.Single(result.Outcomes).Kind);
        Assert.Equal("Acme New", _h.Target.Records.Single().Value.Data["name"]!.ToString());
    }

    [Fact]
    public async Task HandleAsync_NewerVersionWithChangedContent_UpdatesTarget()
    {
        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", modified: 1), "A1"), 1, CancellationToken.None);

        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme Renamed", modified: 2), "A1"), 1, CancellationToken.None);

        Assert.Equal("Acme Renamed", _h.Target.Records.Single().Value.Data["name"]!.ToString());
        Assert.Equal(2, _h.Target.UpsertCalls);
    }

    [Fact]
    public async Task HandleAsync_ChangeEventOfTheBridgesOwnWrite_IsDroppedAsEcho()
    {
        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);
        var written = _h.Target.Records.Single().Value;
        var echo = await _h.State.GetEchoAsync(new RecordRef("erp", "customers", written.Id), CancellationToken.None);
        var echoRoute = StageHarness.CustomerRoute with { Name = "erp-customer-to-crm", SourceSystem = "erp", SourceEntity = "customers", TargetSystem = "crm", TargetEntity = "accounts" };
        var h = new StageHarness(mapper: new PassThroughMapper([echoRoute]));
        await h.State.PutEchoAsync(echo!, CancellationToken.None);
        var envelope = StageHarness.Envelope("customers", written.Data, written.Id, version: echo!.Version) with { System = "erp" };

        var result = await h.Stage.HandleAsync(envelope, 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Echo, Assert.Single(result.Outcomes).Kind);
        h.Source.Verify(s => s.UpsertAsync(It.IsAny<UpsertRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_EnvelopeWithoutSnapshot_FetchesTheSourceRecord()
    {
        _h.Source.Setup(s => s.GetAsync("accounts", "A7", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SourceRecord("A7", StageHarness.Account("A7", "Fetched"), "4"));

        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", null, "A7"), 1, CancellationToken.None);

        Assert.Equal("Fetched", _h.Target.Records.Single().Value.Data["name"]!.ToString());
        _h.Source.Verify(s => s.GetAsync("accounts", "A7", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_SourceRecordGone_SkipsWithoutError()
    {
        _h.Source.Setup(s => s.GetAsync("accounts", "A8", It.IsAny<CancellationToken>())).ReturnsAsync((SourceRecord?)null);

        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", null, "A8"), 1, CancellationToken.None);

        Assert.All(result.Outcomes, o => Assert.Equal(SyncOutcomeKind.Skipped, o.Kind));
        Assert.Empty(_h.State.DeadLetters);
        Assert.Empty(_h.Queue.Enqueued);
    }

    [Fact]
    public async Task HandleAsync_UnroutedEntity_IsSkipped()
    {
        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("contacts", new() { ["id"] = "C1" }, "C1"), 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Skipped, Assert.Single(result.Outcomes).Kind);
        Assert.Empty(_h.Target.Records);
    }

    [Fact]
    public async Task HandleAsync_EnvelopeForRemovedRoute_IsDeadLettered()
    {
        var envelope = StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1") with { Route = "renamed-away" };

        await _h.Stage.HandleAsync(envelope, 1, CancellationToken.None);

        Assert.Equal(DeadLetterCodes.RouteNotFound, Assert.Single(_h.State.DeadLetters).ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_MappingFails_DeadLettersWithEveryFieldError()
    {
        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", ""), "A1"), 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.DeadLettered, Assert.Single(result.Outcomes).Kind);
        var letter = Assert.Single(_h.State.DeadLetters);
        Assert.Equal(DeadLetterCodes.MappingFailed, letter.ErrorCode);
        Assert.Contains("name (from name): a value is required [REQUIRED]", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(StageHarness.CustomerRoute.Name, letter.Route);
        Assert.Null(letter.Envelope.Snapshot);
        Assert.Empty(_h.Target.Records);
    }

    [Fact]
    public async Task HandleAsync_FilteredRecord_IsNotDelivered()
    {
        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1", status: "Draft"), "O1"), 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Filtered, Assert.Single(result.Outcomes).Kind);
        Assert.Empty(_h.Target.Records);
    }

    [Fact]
    public async Task HandleAsync_PermanentTargetError_DeadLettersWithTheSystemsCode()
    {
        _h.Target.FailNext(new ConnectorException("erp", ErrorKind.Permanent, "VALIDATION", "name is too long", 400));

        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);

        var letter = Assert.Single(_h.State.DeadLetters);
        Assert.Equal("VALIDATION", letter.ErrorCode);
        Assert.Contains("name is too long", letter.Reason, StringComparison.Ordinal);
        Assert.Empty(_h.Queue.Enqueued);
        Assert.Null(await _h.State.GetLedgerAsync(StageHarness.CustomerRoute.Name, "A1", CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_TransientTargetError_ReenqueuesWithBackoffAndHistory()
    {
        _h.Target.FailNext(new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "unavailable", 503));

        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Retried, Assert.Single(result.Outcomes).Kind);
        var (retry, delay) = Assert.Single(_h.Queue.Enqueued);
        Assert.Equal(1, retry.Attempt);
        Assert.Equal("HTTP_503", Assert.Single(retry.History).ErrorCode);
        Assert.Equal(StageHarness.CustomerRoute.Name, retry.Route);
        Assert.InRange(delay, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
        Assert.NotNull(retry.Snapshot);
        Assert.Empty(_h.State.DeadLetters);
    }

    [Fact]
    public async Task HandleAsync_ThrottledWithRetryAfter_WaitsAtLeastRetryAfter()
    {
        _h.Target.FailNext(new ConnectorException("erp", ErrorKind.Throttled, "HTTP_429", "slow down", 429, TimeSpan.FromSeconds(30)));

        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1, CancellationToken.None);

        Assert.True(Assert.Single(_h.Queue.Enqueued).Delay >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task HandleAsync_LastAttemptFailsTransiently_DeadLettersWithAttemptHistory()
    {
        _h.Target.FailNext(new ConnectorException("erp", ErrorKind.Transient, "TIMEOUT", "timed out"));
        var envelope = StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1", attempt: _h.Options.MaxAttempts - 1);

        await _h.Stage.HandleAsync(envelope, 1, CancellationToken.None);

        var letter = Assert.Single(_h.State.DeadLetters);
        Assert.Equal("TIMEOUT", letter.ErrorCode);
        Assert.Contains($"Gave up after {_h.Options.MaxAttempts} attempts", letter.Reason, StringComparison.Ordinal);
        Assert.Single(letter.Attempts);
        Assert.Empty(_h.Queue.Enqueued);
    }

    [Fact]
    public async Task HandleAsync_QuotaExhausted_RetriesLaterWithoutSpendingAnAttempt()
    {
        _h.Target.FailNext(new ConnectorException("erp", ErrorKind.QuotaExhausted, "30002", "daily quota", retryAfter: TimeSpan.FromHours(5)));

        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1", attempt: 3), 1, CancellationToken.None);

        var (retry, delay) = Assert.Single(_h.Queue.Enqueued);
        Assert.Equal(3, retry.Attempt);
        Assert.Equal(TimeSpan.FromHours(5), delay);
    }

    [Fact]
    public async Task HandleAsync_MessageReceivedTooOften_DeadLettersAsPoison()
    {
        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), _h.Options.MaxDequeueCount + 1, CancellationToken.None);

        Assert.Equal(DeadLetterCodes.Poison, Assert.Single(_h.State.DeadLetters).ErrorCode);
        Assert.Empty(_h.Target.Records);
    }
}
