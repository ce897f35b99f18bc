using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class DeadLetterServiceTests
{
    private readonly InMemorySyncStateStore _state = new();
    private readonly InMemoryWorkQueue _queue = new();
    private readonly DeadLetterService _service;

    public DeadLetterServiceTests() =>
        _service = new DeadLetterService(_state, _queue, new FakeTimeProvider(), NullLogger<DeadLetterService>.Instance);

    private async Task<string> AddAsync(string recordId)
    {
        var envelope = StageHarness.Envelope("accounts", StageHarness.Account(recordId, "x"), recordId, attempt: 4) with { Route = "r1", Deferrals = 2 };
        return await _state.AddDeadLetterAsync(new DeadLetter { Envelope = envelope, Route = "r1", ErrorCode = DeadLetterCodes.MappingFailed, Reason = "bad" }, CancellationToken.None);
    }

    [Fact]
    public async Task RecordPoisonAsync_EnvelopeWithSnapshot_KeepsOnlyWhatAReplayNeeds()
    {
        var envelope = StageHarness.Envelope("accounts", StageHarness.Account("A9", "Personal Name"), "A9");

        var id = await _service.RecordPoisonAsync(EnvelopeCodec.Serialize(envelope), CancellationToken.None);

        var letter = await _state.GetDeadLetterAsync(id, CancellationToken.None);
        Assert.Equal("A9", letter!.Envelope.RecordId);
        Assert.Null(letter.Envelope.Snapshot);
        Assert.True(await _service.ReplayAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ReplayAsync_OpenDeadLetter_EnqueuesAFreshEnvelopeAndMarksItReplayed()
    {
        var id = await AddAsync("A1");

        Assert.True(await _service.ReplayAsync(id, CancellationToken.None));

        var (envelope, delay) = Assert.Single(_queue.Enqueued);
        Assert.Equal(TimeSpan.Zero, delay);
        Assert.Equal("A1", envelope.RecordId);
        Assert.Equal("r1", envelope.Route);
        Assert.Equal(0, envelope.Attempt);
        Assert.Equal(0, envelope.Deferrals);
        Assert.Null(envelope.Snapshot);
        Assert.Equal(EnvelopeOrigins.Replay, envelope.Origin);
        Assert.Equal(DeadLetterStatus.Replayed, (await _state.GetDeadLetterAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ReplayAsync_AlreadyReplayedOrUnknown_ReturnsFalse()
    {
        var id = await AddAsync("A1");
        await _service.ReplayAsync(id, CancellationToken.None);

        Assert.False(await _service.ReplayAsync(id, CancellationToken.None));
        Assert.False(await _service.ReplayAsync("no-such-id", CancellationToken.None));
        Assert.Single(_queue.Enqueued);
    }

    [Fact]
    public async Task ReplayAllAsync_SeveralOpen_ReplaysEachAndReportsProgress()
    {
        await AddAsync("A1");
        await AddAsync("A2");
        var reports = new List<(int, int)>();

        var count = await _service.ReplayAllAsync(new DeadLetterQuery(), new SyncProgress(reports), CancellationToken.None);

        Assert.Equal(2, count);
        Assert.Equal(2, _queue.Enqueued.Count);
        Assert.Equal([(1, 2), (2, 2)], reports);
    }

    [Fact]
    public async Task RecordRejectedInputAsync_MalformedWebhook_IsKeptWithReasonAndBodyButNotReplayable()
    {
        var id = await _service.RecordRejectedInputAsync("zoho", EnvelopeOrigins.Webhook, "the body is not JSON", "{oops", "corr-1", CancellationToken.None);

        var letter = await _service.GetAsync(id, CancellationToken.None);
        Assert.Equal(DeadLetterCodes.RejectedInput, letter!.ErrorCode);
        Assert.Contains("the body is not JSON", letter.Reason, StringComparison.Ordinal);
        Assert.Equal("{oops", letter.Envelope.Snapshot!["rawBody"]!.GetValue<string>());
        Assert.Equal(("zoho", "(webhook)"), (letter.Envelope.System, letter.Envelope.Entity));
        Assert.False(await _service.ReplayAsync(id, CancellationToken.None));
        Assert.Empty(_queue.Enqueued);
    }

    private sealed class SyncProgress(List<(int, int)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => reports.Add(value);
    }

    [Fact]
    public async Task RecordPoisonAsync_UnparseableMessage_KeepsTheRawText()
    {
        var id = await _service.RecordPoisonAsync("{not json", CancellationToken.None);

        var letter = await _state.GetDeadLetterAsync(id, CancellationToken.None);
        Assert.Equal(DeadLetterCodes.Poison, letter!.ErrorCode);
        Assert.Equal("{not json", letter.Envelope.Snapshot!["rawMessage"]!.ToString());
        Assert.Contains("not a change envelope", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordPoisonAsync_EnvelopeMessage_KeepsTheEnvelopeAndLogsTheOutcome()
    {
        var envelope = StageHarness.Envelope("accounts", null, "A9");

        var id = await _service.RecordPoisonAsync(EnvelopeCodec.Serialize(envelope), CancellationToken.None);

        var letter = await _state.GetDeadLetterAsync(id, CancellationToken.None);
        Assert.Equal("A9", letter!.Envelope.RecordId);
        Assert.Equal(DeadLetterStatus.Open, letter.Status);
        Assert.Contains(_state.Outcomes, o => o.RecordId == "A9" && o.Kind == SyncOutcomeKind.DeadLettered);
    }

    [Fact]
    public async Task RecordFailureAsync_Failure_DropsTheSnapshotAndKeepsTheHistory()
    {
        var envelope = StageHarness.Envelope("accounts", StageHarness.Account("A3", "x"), "A3");
        var history = new[] { new AttemptNote(DateTimeOffset.UnixEpoch, "TIMEOUT", "timed out") };

        var id = await _service.RecordFailureAsync(envelope, "r1", DeadLetterCodes.MissingKey, "no key", history, CancellationToken.None);

        var letter = await _state.GetDeadLetterAsync(id, CancellationToken.None);
        Assert.Equal((DeadLetterCodes.MissingKey, "r1", "no key", DeadLetterStatus.Open), (letter!.ErrorCode, letter.Route, letter.Reason, letter.Status));
        Assert.Null(letter.Envelope.Snapshot);
        Assert.Equal("TIMEOUT", Assert.Single(letter.Attempts).ErrorCode);
        Assert.Single(letter.Envelope.History);
    }
}
