namespace CrmBridge.Cli.Demo;

/// <summary>
/// API calls of one direction of the demo on one system, classified, next to the least the API limits allow. Only the
/// record-driven calls are compared with the minimum: the polling floor (idle polls) is a per-minute cost that does not
/// depend on the number of records, and echo reads are the target's change polls reading the bridge's own writes back.
/// </summary>
/// <param name="Direction">CRM → ERP or ERP → CRM.</param>
/// <param name="System">The system called.</param>
/// <param name="Role">What the direction does there: read (source) or write (target).</param>
/// <param name="Records">The records of the direction.</param>
/// <param name="Calls">All calls the system served in the phase (its own counter).</param>
/// <param name="Minimum">The least calls the APIs' limits allow for the row's record-driven work (<see cref="DemoEconomy"/>); null when the limits are unknown.</param>
internal sealed record DemoDirectionCalls(string Direction, string System, string Role, long Records, long Calls, long? Minimum)
{
    /// <summary>Gets how <see cref="Minimum"/> adds up, term by term (<c>accounts ⌈8000/5000⌉ = 2 + … → 15</c>).</summary>
    public string? MinimumHow { get; init; }

    /// <summary>Gets the change polls of the phase that returned no change (measured, not estimated).</summary>
    public long IdlePolls { get; init; }

    /// <summary>
    /// Gets the change polls (and their line reads) that returned the bridge's own writes: on the target, all its change
    /// reads; on the source, the pages returning only versions the bridge wrote there (the sync status on CRM records).
    /// </summary>
    public long EchoReads { get; init; }

    /// <summary>Gets the change-page reads that returned records (read role) — including further field sets of the same records.</summary>
    public long ChangeReads { get; init; }

    /// <summary>Gets the child-row (order line) reads.</summary>
    public long LineReads { get; init; }

    /// <summary>Gets the reads by id (missing references, webhook records).</summary>
    public long Lookups { get; init; }

    /// <summary>Gets the writes.</summary>
    public long Writes { get; init; }

    /// <summary>Gets the records handed to write operations (their count ÷ <see cref="Writes"/> is the average batch).</summary>
    public long RecordsWritten { get; init; }

    /// <summary>Gets token requests and calls outside connector operations.</summary>
    public long OtherCalls { get; init; }

    /// <summary>Gets the calls the records caused: reads of the records (pages, lines, lookups) on the source, writes and lookups on the target.</summary>
    public long RecordDriven => Role == "read" ? ChangeReads + LineReads + Lookups + Writes : Writes + Lookups;

    /// <summary>Gets how many times the minimum the record-driven calls are.</summary>
    public double? TimesMinimum => Minimum is null or 0 ? null : RecordDriven / (double)Minimum.Value;

    /// <summary>Gets the record-driven calls per record.</summary>
    public double CallsPerRecord => Records == 0 ? 0 : RecordDriven / (double)Records;

    /// <summary>Gets the minimum calls per record.</summary>
    public double? MinimumPerRecord => Minimum is null || Records == 0 ? null : Minimum.Value / (double)Records;
}
