using System.Collections.Concurrent;
using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// A bounded, process-wide cache of resolved cross-references, so mapping an order does not cost a state-store read per
/// lookup once its customer is known. Cross-references only lose entries when a record is deleted, which removes them from
/// this host's cache too (another host's cache keeps them until it is cleared); misses are never cached.
/// </summary>
public sealed class CrossReferenceCache
{
    private readonly ConcurrentDictionary<(RecordRef From, string System, string Entity), string> _entries = new();
    private readonly int _capacity;

    // ConcurrentDictionary.Count takes every lock of the dictionary: the entries are counted here instead (approximately
    // under races, which only moves the moment the cache is cleared).
    private int _count;

    /// <summary>Initializes a new instance of the <see cref="CrossReferenceCache"/> class.</summary>
    /// <param name="capacity">The most entries kept; the cache is cleared when full.</param>
    public CrossReferenceCache(int capacity = 200_000) => _capacity = capacity;

    /// <summary>Looks up a cached cross-reference.</summary>
    /// <param name="from">The known record.</param>
    /// <param name="otherSystem">The other system.</param>
    /// <param name="otherEntity">The other entity.</param>
    /// <param name="id">The other record's id.</param>
    /// <returns><see langword="true"/> when cached.</returns>
    public bool TryGet(RecordRef from, string otherSystem, string otherEntity, out string id) =>
        _entries.TryGetValue((from, otherSystem, otherEntity), out id!);

    /// <summary>Caches a cross-reference (both directions).</summary>
    /// <param name="left">One record.</param>
    /// <param name="right">The other record.</param>
    public void Put(RecordRef left, RecordRef right)
    {
        if (Volatile.Read(ref _count) >= _capacity)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }

        Set((left, right.System, right.Entity), right.Id);
        Set((right, left.System, left.Entity), left.Id);
    }

    /// <summary>Forgets a cross-reference (both directions), after one of its records was deleted.</summary>
    /// <param name="left">One record.</param>
    /// <param name="right">The other record.</param>
    public void Remove(RecordRef left, RecordRef right)
    {
        Forget(new KeyValuePair<(RecordRef, string, string), string>((left, right.System, right.Entity), right.Id));
        Forget(new KeyValuePair<(RecordRef, string, string), string>((right, left.System, left.Entity), left.Id));
    }

    private void Set((RecordRef From, string System, string Entity) key, string id)
    {
        if (_entries.TryAdd(key, id))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[key] = id;
        }
    }

    private void Forget(KeyValuePair<(RecordRef, string, string), string> entry)
    {
        if (_entries.TryRemove(entry))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
