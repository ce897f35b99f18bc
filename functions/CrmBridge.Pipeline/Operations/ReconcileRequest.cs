namespace CrmBridge.Pipeline.Operations;

/// <summary>What <see cref="ReconcileService.ReconcileAsync"/> compares.</summary>
/// <param name="System">The source system (a configured connector).</param>
/// <param name="Entity">The source entity.</param>
/// <param name="Route">One route from the source entity, or <see langword="null"/> for every route from it.</param>
/// <param name="Repair">Whether to enqueue envelopes (origin <c>reconcile</c>) that fix what was found.</param>
/// <param name="MaxExamples">How many examples to keep per route.</param>
public sealed record ReconcileRequest(string System, string Entity, string? Route = null, bool Repair = false, int MaxExamples = 10);
