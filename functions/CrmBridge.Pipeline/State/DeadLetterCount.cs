namespace CrmBridge.Pipeline.State;

/// <summary>How many open dead letters a source system, entity and route has.</summary>
/// <param name="System">The source system.</param>
/// <param name="Entity">The source entity (rejected input: <c>(webhook)</c>).</param>
/// <param name="Route">The route, or <see langword="null"/> for failures before routing.</param>
/// <param name="Count">The number of open letters.</param>
public sealed record DeadLetterCount(string System, string Entity, string? Route, int Count);
