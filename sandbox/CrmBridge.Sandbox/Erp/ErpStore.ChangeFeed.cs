namespace CrmBridge.Sandbox.Erp;

/// <summary>The change feed: a sequence-numbered log of every write, trimmed to a capacity.</summary>
internal sealed partial class ErpStore
{
    private readonly List<ErpChange> _log = [];
    private readonly int _capacity;
    private long _lastSeq;

    /// <summary>Gets the sequence number of the newest change (0 when none).</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>Reads the changes after a sequence number, oldest first.</summary>
    /// <param name="entity">Only this entity, or <see langword="null"/> for all.</param>
    /// <param name="after">The last sequence number the reader has.</param>
    /// <param name="limit">The page size.</param>
    /// <returns>The page, or <see langword="null"/> when <paramref name="after"/> points before the oldest kept change.</returns>
    public ErpChangePage? ReadChanges(string? entity, long after, int limit)
    {
        lock (_gate)
        {
            var firstSeq = _log.Count > 0 ? _log[0].Seq : _lastSeq + 1;
            if (after < firstSeq - 1)
            {
                return null;
            }

            var page = new List<ErpChange>(Math.Min(limit, 64));
            var hasMore = false;
            for (var i = (int)Math.Max(0, after + 1 - firstSeq); i < _log.Count; i++)
            {
                var change = _log[i];
                if (entity is not null && !string.Equals(change.Entity, entity, StringComparison.Ordinal))
                {
                    continue;
                }

                if (page.Count == limit)
                {
                    hasMore = true;
                    break;
                }

                page.Add(change);
            }

            // With no match, skip past everything scanned so a filtered reader does not rescan other entities' changes.
            var next = page.Count > 0 ? page[^1].Seq : Math.Max(after, _lastSeq);
            return new ErpChangePage(page, next, hasMore);
        }
    }

    private void Append(string entity, string id, string operation, long version, System.Text.Json.Nodes.JsonObject? record)
    {
        var change = new ErpChange(++_lastSeq, entity, id, operation, version, record);
        _log.Add(change);

        // Trim in chunks so a full log does not shift the whole list on every write.
        var overflow = _log.Count - _capacity;
        if (overflow > 0 && (overflow >= Math.Max(1, _capacity / 4) || _capacity < 64))
        {
            _log.RemoveRange(0, overflow);
        }

        _onChange(change);
    }
}
