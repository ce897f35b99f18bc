namespace CrmBridge.Pipeline.Operations;

/// <summary>Change detection state of one entity.</summary>
/// <param name="Entity">The entity.</param>
/// <param name="SavedAt">When its checkpoint was last saved.</param>
/// <param name="Age">How long ago that was.</param>
public sealed record CheckpointAge(string Entity, DateTimeOffset SavedAt, TimeSpan Age);
