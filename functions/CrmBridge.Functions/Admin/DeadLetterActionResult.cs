namespace CrmBridge.Functions.Admin;

/// <summary>The answer of a replay or dismiss.</summary>
/// <param name="Target">The dead letter id, or the filter for a bulk replay.</param>
/// <param name="Count">How many dead letters were affected.</param>
public sealed record DeadLetterActionResult(string Target, int Count);
