using CrmBridge.Connectors;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Puts each target system's <see cref="CircuitBreakers"/> circuit in front of delivery: while it is open, deliveries to
/// that system come back as waits (re-enqueued for the probe time, spending no attempt); otherwise they go, and the
/// outcome of the call is reported to the circuit — the target answered (even with per-record errors), or it failed
/// transiently (5xx, timeout, throttling). When that failure leaves the circuit open (the call that opened it, or a failed
/// probe), the failed deliveries wait for the next probe like the ones the open circuit held back: an outage spends no
/// attempt and no deferral of a dependant, whichever call happened to meet it.
/// </summary>
internal sealed class CircuitDeliverer : IDeliverer
{
    private readonly IDeliverer _inner;
    private readonly CircuitBreakers _breakers;

    public CircuitDeliverer(IDeliverer inner, CircuitBreakers breakers)
    {
        _inner = inner;
        _breakers = breakers;
    }

    public async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(IReadOnlyList<PendingDelivery> deliveries, CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>(deliveries.Count);
        foreach (var group in deliveries.GroupBy(d => d.Route.TargetSystem, StringComparer.OrdinalIgnoreCase))
        {
            var items = group.ToList();
            var decision = await _breakers.EnterAsync(group.Key, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                var wait = OpenCircuit(group.Key, decision.RetryAt);
                results.AddRange(items.Select(i => new DeliveryResult(i, wait)));
                continue;
            }

            var delivered = await _inner.DeliverAsync(items, cancellationToken).ConfigureAwait(false);
            var circuit = await ReportAsync(group.Key, delivered, cancellationToken).ConfigureAwait(false);
            results.AddRange(circuit is { State: CircuitState.Open, OpenUntil: { } until }
                ? delivered.Select(r => r.Failure?.Error is { } e && IsOutage(e) ? r with { Failure = OpenCircuit(group.Key, until) } : r)
                : delivered);
        }

        return results;
    }

    private static StageFailure OpenCircuit(string system, DateTimeOffset until) =>
        StageFailure.Wait(DeadLetterCodes.CircuitOpen, $"{system} is failing; its circuit is open until {until:u}, so the change waits without spending an attempt.", until);

    private async Task<CircuitSnapshot?> ReportAsync(string system, IReadOnlyList<DeliveryResult> delivered, CancellationToken cancellationToken)
    {
        var answered = delivered.Any(r => r.Failure is null || r.Failure.Error is { } e && !IsOutage(e));
        if (answered)
        {
            return await _breakers.ReportAsync(system, true, null, cancellationToken).ConfigureAwait(false);
        }

        var outage = delivered.Select(r => r.Failure?.Error).FirstOrDefault(e => e is not null && IsOutage(e));
        return outage is null ? null : await _breakers.ReportAsync(system, false, outage, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsOutage(ConnectorException error) => error.Kind is ErrorKind.Transient or ErrorKind.Throttled;
}
