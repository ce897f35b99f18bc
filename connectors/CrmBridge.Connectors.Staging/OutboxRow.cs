namespace CrmBridge.Connectors.Staging;

/// <summary>One outbox row as read: <paramref name="Payload"/> is null for entity types the reading entity does not want.</summary>
internal sealed record OutboxRow(long Seq, string EntityType, string ErpId, string? BusinessKey, string ChangeType, DateTimeOffset OccurredAt, bool Wanted, string? Payload);
