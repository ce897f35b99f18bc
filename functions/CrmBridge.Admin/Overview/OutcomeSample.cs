namespace CrmBridge.Admin.Overview;

/// <summary>The running totals of every route at one moment (delivered, skipped, filtered, retried, dead-lettered).</summary>
/// <param name="At">When the totals were read.</param>
/// <param name="Totals">Per route: the five totals in that order.</param>
public sealed record OutcomeSample(DateTimeOffset At, IReadOnlyDictionary<string, long[]> Totals);
