using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>
/// The records of one object with the indexes that keep queries cheap at demo volumes: by id, by (last_modified_time, _id),
/// by _id, and lazily built hash indexes for fields used in EQ/IN filters. Not thread-safe: the sandbox store locks.
/// </summary>
internal sealed class FxiaokeObjectStore
{
    private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<FxiaokeRecordKey> _byTime = [];
    private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indexes = new(StringComparer.Ordinal);

    public FxiaokeObjectStore(string apiName) => ApiName = apiName;

    public string ApiName { get; }

    public int Count => _byId.Count;

    public IEnumerable<JsonObject> All => _byId.Values;

    public JsonObject? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Adds or replaces a record (the caller has set _id and last_modified_time).</summary>
    public void Put(JsonObject record)
    {
        var id = record["_id"]!.GetValue<string>();
        if (_byId.TryGetValue(id, out var old))
        {
            Unindex(id, old);
        }

        _byId[id] = record;
        _ids.Add(id);
        _byTime.Add(new FxiaokeRecordKey(Time(record), id));
        foreach (var (field, index) in _indexes)
        {
            AddToIndex(index, id, record[field]);
        }
    }

    /// <summary>Runs a query; returns null when the offset is past the limit the caller enforces.</summary>
    public List<JsonObject> Query(IReadOnlyList<FxiaokeFilter> filters, IReadOnlyList<(string Field, bool Asc)> orders, int offset, int limit)
    {
        var timeEq = filters.FirstOrDefault(f => f.Field == "last_modified_time" && f.Operator == "EQ")?.LongValue;
        var byTimeOrder = orders.Count > 0 && orders[0] is ("last_modified_time", true) && (orders.Count == 1 || orders[1] is ("_id", true));
        var byIdOrder = orders.Count == 1 && orders[0] is ("_id", true);
        IEnumerable<JsonObject> candidates;
        if (timeEq is { } t && (byIdOrder || byTimeOrder))
        {
            // Within one millisecond the (time, _id) order is the _id order.
            candidates = TimeRange(t, filters);
        }
        else if (byTimeOrder)
        {
            candidates = TimeRange(LowerTime(filters), filters);
        }
        else if (byIdOrder && IndexedCandidates(filters) is null)
        {
            var after = filters.FirstOrDefault(f => f.Field == "_id" && f.Operator is "GT" or "GTE")?.Values.FirstOrDefault();
            candidates = (after is null || _ids.Count == 0 || string.CompareOrdinal(after, _ids.Max) > 0
                ? (after is null ? _ids : [])
                : _ids.GetViewBetween(after, _ids.Max!)).Select(id => _byId[id]);
        }
        else
        {
            var pool = IndexedCandidates(filters)?.Select(id => _byId[id]) ?? _byId.Values;
            candidates = Sort(pool.Where(r => filters.All(f => f.Matches(r))), orders);
            return candidates.Skip(offset).Take(limit).ToList();
        }

        return candidates.Where(r => filters.All(f => f.Matches(r))).Skip(offset).Take(limit).ToList();
    }

    private static long Time(JsonObject record) => record["last_modified_time"]?.GetValue<long>() ?? 0;

    private static long LowerTime(IReadOnlyList<FxiaokeFilter> filters)
    {
        var lower = long.MinValue;
        foreach (var f in filters.Where(f => f.Field == "last_modified_time" && f.LongValue is not null))
        {
            var v = f.LongValue!.Value;
            lower = f.Operator switch { "GT" => Math.Max(lower, v + 1), "GTE" or "EQ" => Math.Max(lower, v), _ => lower };
        }

        return lower;
    }

    private static IEnumerable<JsonObject> Sort(IEnumerable<JsonObject> rows, IReadOnlyList<(string Field, bool Asc)> orders)
    {
        if (orders.Count == 0)
        {
            return rows.OrderBy(r => r["_id"]!.GetValue<string>(), StringComparer.Ordinal);
        }

        IOrderedEnumerable<JsonObject>? sorted = null;
        foreach (var (field, asc) in orders)
        {
            Func<JsonObject, string> key = r => FxiaokeFilter.Texts(r[field]).FirstOrDefault() ?? string.Empty;
            var comparer = Comparer<string>.Create(CompareValues);
            sorted = sorted is null
                ? (asc ? rows.OrderBy(key, comparer) : rows.OrderByDescending(key, comparer))
                : (asc ? sorted.ThenBy(key, comparer) : sorted.ThenByDescending(key, comparer));
        }

        return sorted!;
    }

    private static int CompareValues(string a, string b) =>
        long.TryParse(a, out var x) && long.TryParse(b, out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);

    private IEnumerable<JsonObject> TimeRange(long lower, IReadOnlyList<FxiaokeFilter> filters)
    {
        if (_byTime.Count == 0 || lower > _byTime.Max.Time)
        {
            yield break;
        }

        var from = new FxiaokeRecordKey(lower, string.Empty);
        var exactTime = filters.Any(f => f.Field == "last_modified_time" && f.Operator == "EQ");
        var afterId = exactTime ? filters.FirstOrDefault(f => f.Field == "_id" && f.Operator == "GT")?.Values.FirstOrDefault() : null;
        if (afterId is not null)
        {
            from = new FxiaokeRecordKey(lower, afterId);
        }

        // Lazy: callers stop early (Take) and read under the store lock, so the set does not change underneath.
        foreach (var key in _byTime.GetViewBetween(from, _byTime.Max))
        {
            if (exactTime && key.Time != lower)
            {
                yield break;
            }

            yield return _byId[key.Id];
        }
    }

    private HashSet<string>? IndexedCandidates(IReadOnlyList<FxiaokeFilter> filters)
    {
        var filter = filters.FirstOrDefault(f => f.Operator is "EQ" or "IN" && f.Field is not ("_id" or "last_modified_time"));
        if (filter is null)
        {
            return filters.FirstOrDefault(f => f.Field == "_id" && f.Operator is "EQ" or "IN") is { } ids
                ? ids.Values.Where(_byId.ContainsKey).ToHashSet(StringComparer.Ordinal)
                : null;
        }

        if (!_indexes.TryGetValue(filter.Field, out var index))
        {
            index = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (id, record) in _byId)
            {
                AddToIndex(index, id, record[filter.Field]);
            }

            _indexes[filter.Field] = index;
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in filter.Values)
        {
            if (index.TryGetValue(value, out var ids))
            {
                result.UnionWith(ids);
            }
        }

        return result;
    }

    private static void AddToIndex(Dictionary<string, HashSet<string>> index, string id, JsonNode? value)
    {
        foreach (var text in FxiaokeFilter.Texts(value))
        {
            if (!index.TryGetValue(text, out var ids))
            {
                index[text] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(id);
        }
    }

    private void Unindex(string id, JsonObject old)
    {
        _byTime.Remove(new FxiaokeRecordKey(Time(old), id));
        foreach (var (field, index) in _indexes)
        {
            foreach (var text in FxiaokeFilter.Texts(old[field]))
            {
                if (index.TryGetValue(text, out var ids))
                {
                    ids.Remove(id);
                }
            }
        }
    }
}
