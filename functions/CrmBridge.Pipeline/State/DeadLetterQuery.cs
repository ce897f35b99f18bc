namespace CrmBridge.Pipeline.State;

/// <summary>Filters for listing dead letters.</summary>
/// <param name="Status">Only this status; <see langword="null"/> for all.</param>
/// <param name="System">Only this source system.</param>
/// <param name="Entity">Only this source entity.</param>
/// <param name="Limit">The most to return (newest first).</param>
public sealed record DeadLetterQuery(DeadLetterStatus? Status = DeadLetterStatus.Open, string? System = null, string? Entity = null, int Limit = 100);
