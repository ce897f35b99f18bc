namespace CrmBridge.Pipeline.Stage;

/// <summary>What became of one <see cref="PendingDelivery"/>: delivered (and recorded), or the failure.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Failure">The failure, or <see langword="null"/> when delivered.</param>
internal sealed record DeliveryResult(PendingDelivery Delivery, StageFailure? Failure = null);
