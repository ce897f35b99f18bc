namespace CrmBridge.Connectors;

/// <summary>
/// The re-read rule of a poller whose watermark is a modified time: a time unit (a second for Zoho and Dataverse, a
/// millisecond for Fxiaoke) is <em>open</em> while the source can still stamp an edit with it, and an open unit is never
/// treated as done. <see cref="Floor"/> is the persisted watermark: every edit stamped before it has been returned at its
/// latest version, so the next poll reads from it, inclusive. Within one poll, pages follow a (time, id) keyset cursor,
/// so a poll always makes progress however many records share a time; once a poll has read a record of the open window
/// the floor stays where that window began, and the next poll reads the window again. The repeats cost a queue message
/// each and no target write: the pipeline's ledger drops a re-read whose mapped content it already delivered.
/// </summary>
/// <param name="Floor">Where the next poll starts (inclusive).</param>
/// <param name="Open">Whether the current poll has read records of the still-open window (the floor can no longer move in it).</param>
public readonly record struct ChangeWindow(DateTimeOffset Floor, bool Open)
{
    /// <summary>
    /// The first instant that is not yet closed: <paramref name="serverNow"/> minus <paramref name="overlap"/>, truncated to
    /// the watermark's <paramref name="resolution"/>. Edits stamped before it are final and visible to queries.
    /// </summary>
    /// <param name="serverNow">The source's clock when it answered the query (its <c>Date</c> header where it sends one).</param>
    /// <param name="overlap">Extra time kept open for the source's commit and indexing latency and clock differences.</param>
    /// <param name="resolution">The resolution of the modified time (one second, one millisecond).</param>
    /// <returns>The start of the open window.</returns>
    public static DateTimeOffset ClosedBefore(DateTimeOffset serverNow, TimeSpan overlap, TimeSpan resolution)
    {
        var edge = serverNow.ToUniversalTime() - overlap;
        return new DateTimeOffset(edge.UtcTicks - (edge.UtcTicks % resolution.Ticks), TimeSpan.Zero);
    }

    /// <summary>Moves the window past one page of a poll.</summary>
    /// <param name="lastRead">The modified time of the page's last record (pages are ordered by time), or <see langword="null"/> for an empty page.</param>
    /// <param name="closedBefore">The <see cref="ClosedBefore"/> of the query that read the page.</param>
    /// <param name="more">Whether the poll continues with another page.</param>
    /// <returns>The window after the page; when the poll ends, <see cref="Open"/> is reset for the next poll.</returns>
    public ChangeWindow AfterPage(DateTimeOffset? lastRead, DateTimeOffset closedBefore, bool more)
    {
        var floor = Floor;
        var open = Open;
        if (!open && lastRead is { } last)
        {
            // Records before the closed edge are done; a record at or past it was read while its unit could still change.
            floor = Max(floor, last < closedBefore ? last : closedBefore);
            open = last >= closedBefore;
        }

        if (more && lastRead is not null)
        {
            return new ChangeWindow(floor, open);
        }

        // The poll read everything there was: nothing closed is left behind the edge unless open records must be read again.
        return new ChangeWindow(open ? floor : Max(floor, closedBefore), false);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
