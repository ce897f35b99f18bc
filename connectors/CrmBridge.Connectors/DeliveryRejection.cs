namespace CrmBridge.Connectors;

/// <summary>A write the target system refused after accepting it for processing (see <see cref="IRejectionFeed"/>).</summary>
/// <param name="Target">The record as the bridge wrote it (its id is the key it was upserted under).</param>
/// <param name="ErrorCode">The system's error code, or <see langword="null"/> when it gave none.</param>
/// <param name="Message">The system's message, as written (may be in Chinese).</param>
/// <param name="Attempts">How often the system tried the record.</param>
/// <param name="RejectedAt">When the system refused it.</param>
/// <param name="Receipt">Opaque to callers: what the connector needs to acknowledge exactly this rejection.</param>
public sealed record DeliveryRejection(RecordRef Target, string? ErrorCode, string Message, int Attempts, DateTimeOffset RejectedAt, string Receipt);
