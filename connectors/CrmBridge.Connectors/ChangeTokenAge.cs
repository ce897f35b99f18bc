namespace CrmBridge.Connectors;

/// <summary>A change-tracking token (Dataverse delta token) in use for one entity, against its expiry.</summary>
/// <param name="Entity">The entity.</param>
/// <param name="IssuedAt">When the system issued the token (Dataverse writes it into the token).</param>
/// <param name="ExpiresAt">When the system will refuse it (a full resync follows).</param>
public sealed record ChangeTokenAge(string Entity, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
