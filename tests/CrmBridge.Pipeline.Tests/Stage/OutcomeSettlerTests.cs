using CrmBridge.Connectors;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class OutcomeSettlerTests
{
    private readonly Mock<IWorkQueue> _queue = new();
    private readonly Mock<ISyncStateStore> _state = new();
    private readonly List<(ChangeEnvelope Envelope, TimeSpan Delay)> _enqueued = [];
    private readonly List<DeadLetter> _letters = [];
    private readonly PipelineOptions _options = new() { MaxAttempts = 3, MaxDeferrals = 2 };
    private readonly OutcomeSettler _settler;

    public OutcomeSettlerTests()
    {
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<ChangeEnvelope>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Callback<ChangeEnvelope, TimeSpan, CancellationToken>((e, d, _) => _enqueued.Add((e, d)))
            .Returns(Task.CompletedTask);
        _state.Setup(s => s.AddDeadLetterAsync(It.IsAny<DeadLetter>(), It.IsAny<CancellationToken>()))
            .Callback<DeadLetter, CancellationToken>((l, _) => _letters.Add(l))
            .ReturnsAsync("dl-1");
        var time = new FakeTimeProvider();
        var deadLetters = new DeadLetterService(_state.Object, _queue.Object, time, NullLogger<DeadLetterService>.Instance);
        _settler = new OutcomeSettler(_queue.Object, deadLetters, new RetryPolicy(_options, () => 0.5), _options, time, NullLogger.Instance);
    }

    private static PreparedEnvelope Failing(StageFailure failure, int attempt = 0, int deferrals = 0, int depth = 0) =>
        new(StageHarness.Envelope("accounts", null, "A1", attempt: attempt) with { Deferrals = deferrals }, depth)
        {
            Routes = [RouteResult.Failed(StageHarness.CustomerRoute, failure)],
        };

    [Fact]
    public async Task SettleAsync_TransientFailure_EnqueuesARetryWithTheNextAttempt()
    {
        var outcomes = await _settler.SettleAsync(Failing(StageFailure.From(new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "down"))), CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Retried, Assert.Single(outcomes).Kind);
        var (envelope, delay) = Assert.Single(_enqueued);
        Assert.Equal((1, EnvelopeOrigins.Retry, StageHarness.CustomerRoute.Name), (envelope.Attempt, envelope.Origin, envelope.Route));
        Assert.Equal("HTTP_503", Assert.Single(envelope.History).ErrorCode);
        Assert.True(delay > TimeSpan.Zero);
    }

    [Fact]
    public async Task SettleAsync_AttemptsExhausted_DeadLettersWithTheConnectorCode()
    {
        var outcomes = await _settler.SettleAsync(Failing(StageFailure.From(new ConnectorException("erp", ErrorKind.Transient, "TIMEOUT", "slow")), attempt: 2), CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.DeadLettered, Assert.Single(outcomes).Kind);
        Assert.Empty(_enqueued);
        var letter = Assert.Single(_letters);
        Assert.Equal("TIMEOUT", letter.ErrorCode);
        Assert.StartsWith("Gave up after 3 attempts", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettleAsync_QuotaExhausted_RetriesWithoutSpendingAnAttempt()
    {
        var quota = new ConnectorException("zoho", ErrorKind.QuotaExhausted, "LIMIT_EXCEEDED", "daily limit", 429, TimeSpan.FromHours(1));

        await _settler.SettleAsync(Failing(StageFailure.From(quota), attempt: 2), CancellationToken.None);

        var (envelope, delay) = Assert.Single(_enqueued);
        Assert.Equal(2, envelope.Attempt);
        Assert.Equal(TimeSpan.FromHours(1), delay);
    }

    [Fact]
    public async Task SettleAsync_Deferred_ReenqueuesAsDeferredWithoutSpendingAnAttempt()
    {
        var outcomes = await _settler.SettleAsync(Failing(StageFailure.Deferred("customer not synced")), CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Deferred, Assert.Single(outcomes).Kind);
        var (envelope, _) = Assert.Single(_enqueued);
        Assert.Equal((0, 1, EnvelopeOrigins.Deferred), (envelope.Attempt, envelope.Deferrals, envelope.Origin));
    }

    [Fact]
    public async Task SettleAsync_DeferralsExhausted_DeadLettersAsDependencyUnresolved()
    {
        await _settler.SettleAsync(Failing(StageFailure.Deferred("customer not synced"), deferrals: 2), CancellationToken.None);

        Assert.Empty(_enqueued);
        Assert.Equal(DeadLetterCodes.DependencyUnresolved, Assert.Single(_letters).ErrorCode);
    }

    [Fact]
    public async Task SettleAsync_PermanentFailure_DeadLettersAtOnce()
    {
        var outcomes = await _settler.SettleAsync(Failing(StageFailure.Permanent(DeadLetterCodes.MappingFailed, "name: required")), CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.DeadLettered, Assert.Single(outcomes).Kind);
        var letter = Assert.Single(_letters);
        Assert.Equal((DeadLetterCodes.MappingFailed, StageHarness.CustomerRoute.Name, "name: required"), (letter.ErrorCode, letter.Route, letter.Reason));
    }

    [Fact]
    public async Task SettleAsync_InlineDependencyTransientFailure_EnqueuesItsOwnRetryEvenPastMaxAttempts()
    {
        var outcomes = await _settler.SettleAsync(Failing(StageFailure.From(new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "down")), attempt: 5, depth: 1), CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Retried, Assert.Single(outcomes).Kind);
        Assert.Equal(6, Assert.Single(_enqueued).Envelope.Attempt);
        Assert.Empty(_letters);
    }

    [Fact]
    public async Task SettleAsync_EnvelopeOutcomeAndDependencies_ReportsDependencyOutcomesFirst()
    {
        var dependency = new SyncOutcome("crm", "accounts", "r", "A0", SyncOutcomeKind.Delivered, DateTimeOffset.UnixEpoch, "c");
        var prepared = new PreparedEnvelope(StageHarness.Envelope("orders", null, "O1"), 0)
        {
            Routes = [new RouteResult(StageHarness.OrderRoute)],
            Outcome = SyncOutcomeKind.Echo,
            DependencyOutcomes = [dependency],
        };

        var outcomes = await _settler.SettleAsync(prepared, CancellationToken.None);

        Assert.Equal([SyncOutcomeKind.Delivered, SyncOutcomeKind.Echo], outcomes.Select(o => o.Kind));
        Assert.Equal(StageHarness.OrderRoute.Name, outcomes[1].Route);
    }
}
