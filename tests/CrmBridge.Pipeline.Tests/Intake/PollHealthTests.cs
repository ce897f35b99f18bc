using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Intake;

public sealed class PollHealthTests
{
    private readonly InMemorySyncStateStore _state = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<PollHealth> _logger = new();
    private readonly PollHealth _health;

    public PollHealthTests() => _health = new PollHealth(_state, _time, _logger);

    private static ConnectorException Down() => new("zoho", ErrorKind.Transient, "HTTP_503", "Service Unavailable", 503);

    [Fact]
    public async Task FailedAsync_TwelveIdenticalFailures_LogsTheFirstWithItsExceptionThenOnlyCountsAtPowersOfTwo()
    {
        for (var i = 0; i < 12; i++)
        {
            await _health.FailedAsync("zoho", "Accounts", Down(), CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(4, _logger.Entries.Count); // 1st (with exception), 2nd, 4th, 8th
        Assert.True(_logger.Entries[0].HasException);
        Assert.All(_logger.Entries.Skip(1), e => Assert.False(e.HasException));
        Assert.Equal("Polling zoho/Accounts failed 8 times since 2026-11-28 08:00:00Z: HTTP_503: Service Unavailable", _logger.Entries[3].Message);
    }

    [Fact]
    public async Task FailedAsync_ADifferentError_IsLoggedInFull()
    {
        await _health.FailedAsync("zoho", "Accounts", Down(), CancellationToken.None);
        await _health.FailedAsync("zoho", "Accounts", new ConnectorException("zoho", ErrorKind.Permanent, "INVALID_TOKEN", "invalid oauth token", 401), CancellationToken.None);

        Assert.Equal(2, _logger.Entries.Count(e => e.HasException));
    }

    [Fact]
    public async Task FailedThenSucceeded_RecordsOutcomeForStatusAndLogsTheRecovery()
    {
        await _health.FailedAsync("zoho", "Accounts", Down(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _health.FailedAsync("zoho", "Accounts", Down(), CancellationToken.None);

        var failing = Assert.Single(PollHealth.FromCheckpoints(await _state.ListCheckpointsAsync(CancellationToken.None)));
        Assert.Equal(new PollTargetStatus("zoho", "Accounts", _time.GetUtcNow(), false, 2, "HTTP_503: Service Unavailable", _time.GetUtcNow().AddMinutes(-1), null), failing);

        _time.Advance(TimeSpan.FromMinutes(1));
        await _health.SucceededAsync("zoho", "Accounts", CancellationToken.None);

        var recovered = Assert.Single(PollHealth.FromCheckpoints(await _state.ListCheckpointsAsync(CancellationToken.None)));
        Assert.True(recovered.Succeeded);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal(_time.GetUtcNow(), recovered.LastSuccessAt);
        Assert.Contains(_logger.Entries, e => e.Message.StartsWith("Polling zoho/Accounts works again after 2 failures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedAsync_AfterRestart_ContinuesTheCountFromTheStore()
    {
        await _health.FailedAsync("zoho", "Accounts", Down(), CancellationToken.None);
        var restarted = new PollHealth(_state, _time, new ListLogger<PollHealth>());

        var status = await restarted.FailedAsync("zoho", "Accounts", Down(), CancellationToken.None);

        Assert.Equal(2, status.ConsecutiveFailures);
    }
}
