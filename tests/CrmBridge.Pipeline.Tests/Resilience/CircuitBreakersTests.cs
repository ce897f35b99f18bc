using CrmBridge.Connectors;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Resilience;

public sealed class CircuitBreakersTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemorySyncStateStore _store = new();
    private readonly List<CircuitSnapshot> _recorded = [];
    private readonly CircuitBreakers _breakers;

    public CircuitBreakersTests()
    {
        var options = new PipelineOptions { CircuitFailureThreshold = 3, CircuitOpenDuration = TimeSpan.FromSeconds(30), CircuitMaxOpenDuration = TimeSpan.FromSeconds(100) };
        _breakers = new CircuitBreakers(Options.Create(options), new RecordingStore(_store, _recorded), _time, NullLogger<CircuitBreakers>.Instance);
    }

    [Fact]
    public async Task ReportAsync_TransientFailuresReachThreshold_OpensAndRefusesUntilTheProbeTime()
    {
        await FailAsync(3);

        var decision = await _breakers.EnterAsync("erp", CancellationToken.None);

        Assert.False(decision.Allowed);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), decision.RetryAt);
        Assert.Equal(CircuitState.Open, Assert.Single(_recorded).State);
        Assert.Equal("HTTP_503: erp down", _recorded[0].LastError);
    }

    [Fact]
    public async Task ReportAsync_FewerFailuresOrSuccessBetween_StaysClosed()
    {
        await FailAsync(2);
        await _breakers.ReportAsync("erp", true, null, CancellationToken.None);
        await FailAsync(2);

        Assert.True((await _breakers.EnterAsync("erp", CancellationToken.None)).Allowed);
        Assert.Empty(_recorded);
    }

    [Fact]
    public async Task ReportAsync_PermanentErrors_DoNotOpen()
    {
        for (var i = 0; i < 10; i++)
        {
            await _breakers.ReportAsync("erp", false, new ConnectorException("erp", ErrorKind.Permanent, "HTTP_400", "bad data"), CancellationToken.None);
        }

        Assert.True((await _breakers.EnterAsync("erp", CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task EnterAsync_AfterOpenDuration_LetsExactlyOneProbeGo_AndItsSuccessCloses()
    {
        await FailAsync(3);
        _time.Advance(TimeSpan.FromSeconds(31));

        var probe = await _breakers.EnterAsync("erp", CancellationToken.None);
        var other = await _breakers.EnterAsync("erp", CancellationToken.None);
        await _breakers.ReportAsync("erp", true, null, CancellationToken.None);

        Assert.True(probe is { Allowed: true, IsProbe: true });
        Assert.False(other.Allowed);
        Assert.True((await _breakers.EnterAsync("erp", CancellationToken.None)).Allowed);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed], _recorded.Select(r => r.State));
    }

    [Fact]
    public async Task ReportAsync_ProbeFails_ReopensForDoubleTheTime_CappedAtMax()
    {
        await FailAsync(3);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            Assert.True((await _breakers.EnterAsync("erp", CancellationToken.None)).IsProbe);
            await FailAsync(1);
            waits.Add((await _breakers.EnterAsync("erp", CancellationToken.None)).RetryAt - _time.GetUtcNow());
        }

        Assert.Equal([TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(100)], waits);
    }

    [Fact]
    public async Task ReportAsync_ProbesFailEarlyInAnOutage_OpenTimeStaysAQuarterOfTheOutageSoFar()
    {
        // Probes on time: the open time may not exceed a quarter of how long the target has been failing (at least the
        // base 30 s), so a short outage is not followed by a long wait. Doubling alone would give 60, 100, 100.
        await FailAsync(3);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            _time.SetUtcNow((await _breakers.EnterAsync("erp", CancellationToken.None)).RetryAt);
            Assert.True((await _breakers.EnterAsync("erp", CancellationToken.None)).IsProbe);
            await FailAsync(1);
            waits.Add((await _breakers.EnterAsync("erp", CancellationToken.None)).RetryAt - _time.GetUtcNow());
        }

        Assert.Equal([30, 30, 30, 30, 37.5, 46.875], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task EnterAsync_OtherSystem_IsNotAffected()
    {
        await FailAsync(3);

        Assert.True((await _breakers.EnterAsync("dataverse", CancellationToken.None)).Allowed);
        Assert.Single(_breakers.Snapshots(), s => s.State == CircuitState.Open);
    }

    [Fact]
    public async Task ReportAsync_EveryTransition_IsReadableFromTheStoreAfterwards()
    {
        await FailAsync(3);
        _time.Advance(TimeSpan.FromSeconds(31));
        await _breakers.EnterAsync("erp", CancellationToken.None);
        await _breakers.ReportAsync("erp", true, null, CancellationToken.None);

        var stored = CircuitBreakers.FromCheckpoints(await _store.ListCheckpointsAsync(CancellationToken.None));

        Assert.Equal(CircuitState.Closed, Assert.Single(stored).State);
    }

    private async Task FailAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await _breakers.ReportAsync("erp", false, new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "erp down"), CancellationToken.None);
        }
    }

    /// <summary>Records what was saved, on top of the in-memory store (which enforces ETags like the real ones).</summary>
    private sealed class RecordingStore(InMemorySyncStateStore inner, List<CircuitSnapshot> recorded) : ICheckpointStore
    {
        public Task<Checkpoint?> GetCheckpointAsync(string system, string entity, CancellationToken cancellationToken) => inner.GetCheckpointAsync(system, entity, cancellationToken);

        public async Task<Checkpoint?> SaveCheckpointAsync(string system, string entity, string value, string? expectedETag, CancellationToken cancellationToken)
        {
            var saved = await inner.SaveCheckpointAsync(system, entity, value, expectedETag, cancellationToken);
            if (saved is not null)
            {
                recorded.Add(CircuitBreakers.FromCheckpoints([(system, entity, saved)]).Single());
            }

            return saved;
        }

        public Task DeleteCheckpointAsync(string system, string entity, CancellationToken cancellationToken) => inner.DeleteCheckpointAsync(system, entity, cancellationToken);

        public Task<IReadOnlyList<(string System, string Entity, Checkpoint Checkpoint)>> ListCheckpointsAsync(CancellationToken cancellationToken) => inner.ListCheckpointsAsync(cancellationToken);
    }
}
