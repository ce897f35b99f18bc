namespace CrmBridge.Cli.Demo.Calls;

/// <summary>A snapshot of the classified call counts; subtract two to get a phase's calls.</summary>
/// <param name="Counts">Per system (case as the connector names it) and kind.</param>
internal sealed record DemoCallCounts(IReadOnlyDictionary<(string System, DemoCallKind Kind), long> Counts)
{
    /// <summary>Gets the calls of one system and kind.</summary>
    /// <param name="system">The system.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public long this[string system, DemoCallKind kind] =>
        Counts.Where(c => c.Key.Kind == kind && string.Equals(c.Key.System, system, StringComparison.OrdinalIgnoreCase)).Sum(c => c.Value);

    /// <summary>Gets the calls made between an earlier snapshot and this one.</summary>
    /// <param name="earlier">The earlier snapshot.</param>
    /// <returns>The difference.</returns>
    public DemoCallCounts Since(DemoCallCounts earlier) =>
        new(Counts.ToDictionary(c => c.Key, c => c.Value - earlier.Counts.GetValueOrDefault(c.Key)));
}
