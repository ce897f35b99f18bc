namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Delivers mapped documents to their targets and records what was delivered (cross-reference, echo, ledger).
/// The seam for anything that changes how writes reach a target without changing what the stage decides: a coalescer
/// gathering deliveries of concurrent calls per target, a circuit breaker per target system.
/// </summary>
internal interface IDeliverer
{
    /// <summary>Delivers documents. Never throws for connector or data failures: each comes back as a result.</summary>
    /// <param name="deliveries">The deliveries (may be empty).</param>
    /// <param name="cancellationToken">Cancels the work; undelivered items are then redelivered by the queue.</param>
    /// <returns>One result per delivery.</returns>
    Task<IReadOnlyList<DeliveryResult>> DeliverAsync(IReadOnlyList<PendingDelivery> deliveries, CancellationToken cancellationToken);
}
