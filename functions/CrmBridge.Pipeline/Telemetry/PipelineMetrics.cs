using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Telemetry;

/// <summary>
/// The pipeline's OpenTelemetry metrics through <see cref="System.Diagnostics.Metrics"/> (meter <see cref="MeterName"/>):
/// records per route and outcome, end-to-end delivery latency, retries, queue backlog and circuit state. Hosts export
/// them by adding the meter (<c>AddMeter(PipelineMetrics.MeterName)</c>); without a listener recording costs nothing.
/// </summary>
public static class PipelineMetrics
{
    /// <summary>The meter's name, for <c>MeterProviderBuilder.AddMeter</c> and <see cref="MeterListener"/>.</summary>
    public const string MeterName = "CrmBridge.Pipeline";

    private static readonly Meter Meter = new(MeterName, typeof(PipelineMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Records = Meter.CreateCounter<long>(
        "crmbridge.records", "{record}", "Records handled by the sync stage, by route and outcome (delivered, skipped, echo, filtered, retried, dead_lettered).");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "crmbridge.retries", "{retry}", "Records scheduled for another attempt, by route.");

    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(
        "crmbridge.delivery.latency", "s", "Time from the change being first seen to its delivery into the target, by route.");

    private static readonly Gauge<long> Backlog = Meter.CreateGauge<long>(
        "crmbridge.queue.backlog", "{envelope}", "Envelopes waiting in the changes queue (approximate), as last counted.");

    private static readonly Gauge<int> Circuit = Meter.CreateGauge<int>(
        "crmbridge.circuit.state", "{state}", "Circuit state per target system: 0 closed, 1 half-open, 2 open.");

    /// <summary>Records the outcomes of one stage batch.</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="envelopes">The batch's envelopes (their first-seen time gives the delivery latency).</param>
    public static void RecordOutcomes(IReadOnlyList<SyncOutcome> outcomes, IEnumerable<ChangeEnvelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (!Records.Enabled && !Retries.Enabled && !Latency.Enabled)
        {
            return;
        }

        var firstSeen = new Dictionary<(string, string, string), DateTimeOffset>();
        foreach (var envelope in envelopes)
        {
            firstSeen.TryAdd((envelope.System, envelope.Entity, envelope.RecordId), envelope.FirstSeen);
        }

        foreach (var outcome in outcomes)
        {
            RecordOutcome(outcome, firstSeen.TryGetValue((outcome.System, outcome.Entity, outcome.RecordId), out var seen) ? seen : null);
        }
    }

    /// <summary>Records one outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="firstSeen">When the change was first seen, for delivered records.</param>
    public static void RecordOutcome(SyncOutcome outcome, DateTimeOffset? firstSeen)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var route = new KeyValuePair<string, object?>("route", outcome.Route);
        Records.Add(1, route, new("outcome", Name(outcome.Kind)), new("system", outcome.System), new("entity", outcome.Entity));
        if (outcome.Kind == SyncOutcomeKind.Retried)
        {
            Retries.Add(1, route, new KeyValuePair<string, object?>("system", outcome.System));
        }
        else if (outcome.Kind == SyncOutcomeKind.Delivered && firstSeen is { } seen && seen > DateTimeOffset.UnixEpoch)
        {
            Latency.Record(Math.Max(0, (outcome.At - seen).TotalSeconds), route);
        }
    }

    /// <summary>Gets a value indicating whether anything listens to the backlog gauge (counting costs a store call).</summary>
    public static bool BacklogObserved => Backlog.Enabled;

    /// <summary>Records the queue backlog.</summary>
    /// <param name="pending">Envelopes waiting.</param>
    public static void RecordBacklog(long pending) => Backlog.Record(pending);

    /// <summary>Records a circuit's state.</summary>
    /// <param name="system">The target system.</param>
    /// <param name="state">Its state.</param>
    public static void RecordCircuit(string system, CircuitState state) =>
        Circuit.Record(state switch { CircuitState.Open => 2, CircuitState.HalfOpen => 1, _ => 0 }, new KeyValuePair<string, object?>("target", system));

    private static string Name(SyncOutcomeKind kind) => kind switch
    {
        SyncOutcomeKind.DeadLettered => "dead_lettered",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
