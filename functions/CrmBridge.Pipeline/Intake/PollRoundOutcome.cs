using CrmBridge.Pipeline.Hosting;

namespace CrmBridge.Pipeline.Intake;

/// <summary>What one target's poll in a <see cref="PollRound"/> did.</summary>
/// <param name="Target">The target.</param>
/// <param name="Result">The poll's result, or <see langword="null"/> when it failed.</param>
/// <param name="Error">Why it failed, or <see langword="null"/>.</param>
public sealed record PollRoundOutcome(PollTarget Target, PollResult? Result, Exception? Error);
