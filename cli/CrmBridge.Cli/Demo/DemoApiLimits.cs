namespace CrmBridge.Cli.Demo;

/// <summary>
/// A demo system's API limits as the bridge uses them by default: records per read page and per batch write. They give
/// the least number of calls a sync could make: ⌈records / page⌉ reads per source entity plus ⌈records / batch⌉ writes
/// per target entity.
/// </summary>
/// <param name="PageSize">Records per read page (change or query page).</param>
/// <param name="BatchSize">Records per batch write (1 where the API has no batch write).</param>
internal sealed record DemoApiLimits(int PageSize, int BatchSize)
{
    /// <summary>Gets the reads needed for the records of one entity.</summary>
    /// <param name="records">The records.</param>
    /// <returns>⌈records / page⌉.</returns>
    public long Reads(long records) => (records + PageSize - 1) / PageSize;

    /// <summary>Gets the writes needed for the records of one entity.</summary>
    /// <param name="records">The records.</param>
    /// <returns>⌈records / batch⌉.</returns>
    public long Writes(long records) => (records + BatchSize - 1) / BatchSize;
}
