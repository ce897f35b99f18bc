using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Telemetry;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Telemetry;

public sealed class PipelineMetricsTests : IDisposable
{
    private readonly string _route = "route-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly MeterListener _listener = new();

    public PipelineMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void RecordOutcomes_DeliveredSkippedRetriedDeadLettered_CountsPerRouteAndOutcomeWithLatency()
    {
        var seen = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        var envelope = new ChangeEnvelope { Id = "e1", System = "zoho", Entity = "Accounts", RecordId = "A1", CorrelationId = "c1", FirstSeen = seen };
        SyncOutcome Outcome(SyncOutcomeKind kind, string id = "A1") => new("zoho", "Accounts", _route, id, kind, seen.AddSeconds(3), "c1");

        PipelineMetrics.RecordOutcomes(
            [Outcome(SyncOutcomeKind.Delivered), Outcome(SyncOutcomeKind.Skipped, "A2"), Outcome(SyncOutcomeKind.Retried, "A3"), Outcome(SyncOutcomeKind.DeadLettered, "A4")],
            [envelope]);

        var records = Mine("crmbridge.records");
        Assert.Equal(["dead_lettered", "delivered", "retried", "skipped"], records.Select(m => (string)m.Tags["outcome"]!).Order(StringComparer.Ordinal));
        Assert.All(records, m => Assert.Equal("zoho", m.Tags["system"]));
        Assert.Equal(1, Assert.Single(Mine("crmbridge.retries")).Value);
        Assert.Equal(3, Assert.Single(Mine("crmbridge.delivery.latency")).Value);
    }

    [Fact]
    public void RecordCircuit_Open_RecordsTwoForTheTarget()
    {
        PipelineMetrics.RecordCircuit(_route, CircuitState.Open);
        PipelineMetrics.RecordCircuit(_route, CircuitState.HalfOpen);

        var states = _measurements.Where(m => m.Instrument == "crmbridge.circuit.state" && Equals(m.Tags["target"], _route)).Select(m => m.Value).Order();
        Assert.Equal([1d, 2d], states);
    }

    [Fact]
    public void RecordBacklog_WithAListener_IsObservedAndRecorded()
    {
        Assert.True(PipelineMetrics.BacklogObserved);

        PipelineMetrics.RecordBacklog(4242);

        Assert.Contains(_measurements, m => m.Instrument == "crmbridge.queue.backlog" && m.Value == 4242);
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Mine(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("route"), _route))];

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Add((instrument.Name, value, copy));
    }
}
