using System.Collections.Concurrent;
using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// The retries this host has scheduled, per source record, so that a record has one retry chain however many changes
/// depend on it: when a customer fails, the orders waiting for it wait for its scheduled retry instead of each retrying
/// the customer inline and each starting another chain (which multiplied retries during outages). Kept per host process;
/// across hosts a record has at most one chain per host.
/// </summary>
internal sealed class RetryChains
{
    private readonly ConcurrentDictionary<RecordRef, DateTimeOffset> _next = new();

    /// <summary>Notes that the record's next attempt is scheduled for <paramref name="retryAt"/>.</summary>
    public void Schedule(RecordRef record, DateTimeOffset retryAt) => _next[record] = retryAt;

    /// <summary>Starts a chain unless one is pending.</summary>
    /// <returns><see langword="true"/> when the caller should enqueue the retry.</returns>
    public bool TryStart(RecordRef record, DateTimeOffset retryAt, DateTimeOffset now)
    {
        while (true)
        {
            if (_next.TryGetValue(record, out var pending))
            {
                if (pending > now)
                {
                    return false;
                }

                if (_next.TryUpdate(record, retryAt, pending))
                {
                    return true;
                }
            }
            else if (_next.TryAdd(record, retryAt))
            {
                return true;
            }
        }
    }

    /// <summary>Gets when the record's pending retry is due, or <see langword="null"/> when none is pending.</summary>
    public DateTimeOffset? PendingUntil(RecordRef record, DateTimeOffset now)
    {
        if (_next.TryGetValue(record, out var pending) && pending > now)
        {
            return pending;
        }

        _next.TryRemove(new KeyValuePair<RecordRef, DateTimeOffset>(record, pending));
        return null;
    }
}
