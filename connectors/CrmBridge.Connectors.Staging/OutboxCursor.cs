using System.Globalization;

namespace CrmBridge.Connectors.Staging;

/// <summary>
/// The outbox change-feed checkpoint. An identity value is taken when a row is inserted, not when its transaction commits,
/// so <c>seq</c> can become visible out of order (late commits) and some values never appear (rolled-back transactions,
/// identity caches). The cursor therefore keeps a <see cref="Safe"/> floor (every <c>seq</c> at or below it is final and was
/// returned) and re-reads everything above it on every read — the pipeline's ledger drops the repeats. A missing <c>seq</c> is
/// waited for during the overlap window, measured from when the reader first saw rows above it (<see cref="High"/> at
/// <see cref="Since"/>); after that it is treated as a permanent gap.
/// Text form: <c>v1:{safe}:{high}:{since unix ms}</c>; a bare number is read as a floor.
/// </summary>
/// <param name="Safe">Every seq ≤ this is final.</param>
/// <param name="High">The highest seq seen when the oldest pending gap was first observed.</param>
/// <param name="Since">When (unix ms) that gap was first observed; 0 = no pending gap.</param>
internal readonly record struct OutboxCursor(long Safe, long High, long Since)
{
    public static OutboxCursor Parse(string? text, string system, string entity)
    {
        if (string.IsNullOrEmpty(text))
        {
            return default;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var floor))
        {
            return new OutboxCursor(floor, floor, 0);
        }

        var parts = text.Split(':');
        if (parts.Length == 4 && parts[0] == "v1"
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var safe)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var since))
        {
            return new OutboxCursor(safe, Math.Max(safe, high), since);
        }

        throw new ConnectorException(system, ErrorKind.CheckpointExpired, "INVALID_CHECKPOINT",
            $"{system}: the {entity} checkpoint '{text}' is not an outbox cursor; resync from the start.");
    }

    /// <summary>Computes the cursor after a read.</summary>
    /// <param name="seqs">The seq values read (all &gt; <see cref="Safe"/>, ascending), every entity type.</param>
    /// <param name="now">The reader's clock.</param>
    /// <param name="window">The overlap window.</param>
    /// <returns>The next cursor and the range of seq values given up as gaps by this read (empty when none).</returns>
    public (OutboxCursor Next, long SkippedFrom, long SkippedTo) Advance(IReadOnlyList<long> seqs, DateTimeOffset now, TimeSpan window)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var expired = Since != 0 && nowMs - Since >= (long)window.TotalMilliseconds;
        var floor = expired ? Math.Max(Safe, High) : Safe;
        var contiguous = floor;
        foreach (var seq in seqs)
        {
            if (seq <= contiguous)
            {
                continue;
            }

            if (seq != contiguous + 1)
            {
                break;
            }

            contiguous = seq;
        }

        var maxSeen = seqs.Count > 0 ? Math.Max(seqs[^1], contiguous) : contiguous;
        OutboxCursor next;
        if (maxSeen <= contiguous)
        {
            next = new OutboxCursor(contiguous, contiguous, 0);
        }
        else if (!expired && Since != 0 && High > contiguous)
        {
            next = new OutboxCursor(contiguous, High, Since); // the gap first seen at Since is still open: keep its clock
        }
        else
        {
            next = new OutboxCursor(contiguous, maxSeen, nowMs); // a new gap: start its clock
        }

        return expired && floor > Safe ? (next, Safe + 1, floor) : (next, 0, -1);
    }

    /// <summary>Gets whether a pending gap keeps rows above <see cref="Safe"/> in the overlap.</summary>
    public bool HasGap => Since != 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"v1:{Safe}:{High}:{Since}");
}
