namespace CrmBridge.Pipeline.Operations;

/// <summary>One record that is not in sync, as an example in a <see cref="ReconcileRouteReport"/>.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="SourceId">The source record id.</param>
/// <param name="TargetId">The target record id, when known.</param>
/// <param name="Detail">Which fields differ, or why the record is missing or unmappable (ids and field names, no values).</param>
public sealed record ReconcileFinding(ReconcileFindingKind Kind, string SourceId, string? TargetId, string Detail);
