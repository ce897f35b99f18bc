namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>A <c>collection</c> notification: many records of <paramref name="Entity"/> changed after <paramref name="Since"/>.</summary>
/// <param name="Entity">The entity set.</param>
/// <param name="Since">The instant from the notification's resource filter (or its lastModifiedDateTime).</param>
public sealed record CollectionNotification(string Entity, DateTimeOffset Since);
