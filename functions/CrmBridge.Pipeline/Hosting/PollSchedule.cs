namespace CrmBridge.Pipeline.Hosting;

/// <summary>The entities the standalone host polls, and how often.</summary>
/// <param name="Targets">The poll targets.</param>
public sealed record PollSchedule(IReadOnlyList<PollTarget> Targets);
