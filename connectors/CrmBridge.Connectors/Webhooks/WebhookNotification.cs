namespace CrmBridge.Connectors.Webhooks;

/// <summary>Changes of one entity announced by one webhook call.</summary>
/// <param name="Entity">The entity, as the connector names it (entity set, module, object).</param>
/// <param name="Changes">The changes (usually ids only; the sync stage fetches the records).</param>
/// <param name="CorrelationId">The system's correlation id, when it sent one.</param>
public sealed record WebhookNotification(string Entity, IReadOnlyList<RecordChange> Changes, string? CorrelationId);
