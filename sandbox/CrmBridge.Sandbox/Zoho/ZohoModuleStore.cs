using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>
/// The records of one module with O(log n) indexes by id and by (Modified_Time, id), and lazily built value indexes for
/// duplicate-check fields. Not thread-safe: <see cref="ZohoSandbox"/> serialises access.
/// </summary>
internal sealed class ZohoModuleStore
{
    private readonly Dictionary<long, ZohoStoredRecord> _byId = [];
    private readonly SortedSet<long> _ids = [];
    private readonly SortedSet<(long Seconds, long Id)> _byModified = [];
    private readonly Dictionary<string, Dictionary<string, long>> _valueIndexes = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    /// <summary>Gets the deleted-records list: recycle-bin and permanently deleted entries, oldest first.</summary>
    public List<ZohoDeletedEntry> Deleted { get; } = [];

    public IEnumerable<ZohoStoredRecord> All => _byId.Values;

    public ZohoStoredRecord? Find(long id) => _byId.GetValueOrDefault(id);

    public IEnumerable<ZohoStoredRecord> OrderedById(bool descending) =>
        (descending ? _ids.Reverse() : _ids).Select(id => _byId[id]);

    public IEnumerable<ZohoStoredRecord> OrderedByModified(DateTimeOffset? after, bool descending)
    {
        var view = after is { } a
            ? _byModified.GetViewBetween((a.ToUnixTimeSeconds() + 1, long.MinValue), (long.MaxValue, long.MaxValue))
            : _byModified;
        return (descending ? view.Reverse() : view).Select(k => _byId[k.Id]);
    }

    public ZohoStoredRecord? FindByValue(string field, string value)
    {
        var index = IndexFor(field);
        return index.TryGetValue(value, out var id) ? _byId[id] : null;
    }

    public void Add(ZohoStoredRecord record)
    {
        _byId[record.Id] = record;
        _ids.Add(record.Id);
        _byModified.Add((record.Modified.ToUnixTimeSeconds(), record.Id));
        Reindex(record, null);
    }

    public void Touch(ZohoStoredRecord record, DateTimeOffset modified, JsonObject before)
    {
        _byModified.Remove((record.Modified.ToUnixTimeSeconds(), record.Id));
        record.Modified = modified;
        _byModified.Add((modified.ToUnixTimeSeconds(), record.Id));
        Reindex(record, before);
    }

    public bool Remove(long id)
    {
        if (!_byId.Remove(id, out var record))
        {
            return false;
        }

        _ids.Remove(id);
        _byModified.Remove((record.Modified.ToUnixTimeSeconds(), id));
        foreach (var (field, index) in _valueIndexes)
        {
            if (ValueOf(record.Data, field) is { } v && index.TryGetValue(v, out var owner) && owner == id)
            {
                index.Remove(v);
            }
        }

        return true;
    }

    private Dictionary<string, long> IndexFor(string field)
    {
        if (!_valueIndexes.TryGetValue(field, out var index))
        {
            index = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var record in _byId.Values)
            {
                if (ValueOf(record.Data, field) is { } v)
                {
                    index.TryAdd(v, record.Id);
                }
            }

            _valueIndexes[field] = index;
        }

        return index;
    }

    private void Reindex(ZohoStoredRecord record, JsonObject? before)
    {
        foreach (var (field, index) in _valueIndexes)
        {
            if (before is not null && ValueOf(before, field) is { } old && index.TryGetValue(old, out var owner) && owner == record.Id)
            {
                index.Remove(old);
            }

            if (ValueOf(record.Data, field) is { } v)
            {
                index[v] = record.Id;
            }
        }
    }

    private static string? ValueOf(JsonObject data, string field) =>
        data[field] is JsonValue value && value.ToString() is { Length: > 0 } s ? s : null;
}
