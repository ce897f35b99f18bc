namespace CrmBridge.Pipeline.Stage;

/// <summary>What became of one <see cref="PendingDelivery"/>: delivered (and recorded), or the failure.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Failure">The failure, or <see langword="null"/> when delivered.</param>
internal sealed record DeliveryResult(PendingDelivery Delivery, StageFailure? Failure = null)
{
    /// <summary>Gets the record's id in the target once delivered (the ERP's number; reported to the source's status fields).</summary>
    public string? TargetId { get; init; }
}
