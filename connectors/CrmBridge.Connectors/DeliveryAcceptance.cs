namespace CrmBridge.Connectors;

/// <summary>A write the target system accepted after the upsert, with the identity it assigned (see <see cref="IAcceptanceFeed"/>).</summary>
/// <param name="Target">The record as the bridge wrote it (its id is the key it was upserted under).</param>
/// <param name="AssignedId">The system's own id of the record (a staging row's <c>erp_id</c>), or <see langword="null"/> when it gave none.</param>
/// <param name="AssignedNumber">The system's number of the record (a staging row's <c>erp_number</c>), or <see langword="null"/> when it gave none.</param>
/// <param name="AcceptedAt">When the system accepted it.</param>
/// <param name="Receipt">Opaque to callers: what the connector needs to acknowledge exactly this acceptance.</param>
public sealed record DeliveryAcceptance(RecordRef Target, string? AssignedId, string? AssignedNumber, DateTimeOffset AcceptedAt, string Receipt);
