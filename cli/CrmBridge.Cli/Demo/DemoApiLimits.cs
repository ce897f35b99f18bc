namespace CrmBridge.Cli.Demo;

/// <summary>
/// A demo system's API limits as the bridge uses them by default: records per read page and per batch write, and the
/// fields one read may return. They give the least number of calls a sync could make (see <see cref="DemoEconomy"/>).
/// </summary>
/// <param name="PageSize">Records per read page (change or query page).</param>
/// <param name="BatchSize">Records per batch write (1 where the API has no batch write).</param>
internal sealed record DemoApiLimits(int PageSize, int BatchSize)
{
    /// <summary>Gets the fields one read call may return (Zoho: <c>fields</c> ≤ 50), or <see langword="null"/> when unlimited.</summary>
    public int? MaxFieldsPerRead { get; init; }

    /// <summary>Gets the reads needed for the records of one entity.</summary>
    /// <param name="records">The records.</param>
    /// <returns>⌈records / page⌉.</returns>
    public long Reads(long records) => Ceiling(records, PageSize);

    /// <summary>Gets the read calls one page of records costs when the mapping needs <paramref name="fields"/> fields.</summary>
    /// <param name="fields">The fields read (the version field included, the id not: it comes with every call).</param>
    /// <returns>⌈fields / limit⌉, at least 1; 1 without a field limit.</returns>
    public long FieldSets(int fields) => MaxFieldsPerRead is { } max ? Math.Max(1, Ceiling(fields, max)) : 1;

    /// <summary>Gets the writes needed for the records of one entity.</summary>
    /// <param name="records">The records.</param>
    /// <returns>⌈records / batch⌉.</returns>
    public long Writes(long records) => Ceiling(records, BatchSize);

    private static long Ceiling(long count, int size) => (count + size - 1) / size;
}
