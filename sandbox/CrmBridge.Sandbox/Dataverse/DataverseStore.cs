using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// The emulator's records. One lock guards everything (requests are short); a changeset holds the lock for its whole
/// run and records an undo journal so a failure rolls every write back, and its webhook events are only published on commit.
/// </summary>
internal sealed class DataverseStore
{
    private readonly Dictionary<string, DataverseTable> _tables;
    private readonly Dictionary<string, DataverseTable> _byLogicalName;
    private readonly TimeProvider _time;
    private readonly Action<DataverseChangeEvent> _publish;
    private readonly List<DataverseChangeEvent> _pending = [];
    private List<(DataverseTable Table, Guid Id, DataverseRow? Before, long? Tombstone)>? _journal;
    private long _version = 1_000_000;

    public DataverseStore(IEnumerable<DataverseTableSchema> schemas, TimeProvider time, Action<DataverseChangeEvent> publish)
    {
        _tables = schemas.ToDictionary(s => s.EntitySet, s => new DataverseTable(s), StringComparer.Ordinal);
        _byLogicalName = _tables.Values.ToDictionary(t => t.Schema.LogicalName, StringComparer.Ordinal);
        _time = time;
        _publish = publish;
    }

    public object Gate { get; } = new();

    public long CurrentVersion
    {
        get
        {
            lock (Gate)
            {
                return _version;
            }
        }
    }

    public DataverseTable Table(string entitySet) =>
        _tables.TryGetValue(entitySet, out var table)
            ? table
            : throw new DataverseApiException(404, "0x80060888", $"Resource not found for the segment '{entitySet}'.");

    public DataverseTable? TableByLogicalName(string logicalName) => _byLogicalName.GetValueOrDefault(logicalName);

    public DataverseRow? Find(DataverseTable table, Guid id)
    {
        lock (Gate)
        {
            return table.Rows.GetValueOrDefault(id);
        }
    }

    public DataverseRow? FindByKey(DataverseTable table, string compositeKey)
    {
        lock (Gate)
        {
            return table.KeyIndex.TryGetValue(compositeKey, out var id) ? table.Rows.GetValueOrDefault(id) : null;
        }
    }

    public DataverseRow Create(DataverseTable table, Guid id, DataverseWrite write, Guid user, Guid correlation)
    {
        lock (Gate)
        {
            if (table.Rows.ContainsKey(id))
            {
                throw new DataverseApiException(412, "0x80040237", $"A record with id {id} already exists in {table.Schema.LogicalName}.");
            }

            var now = Now();
            var row = new DataverseRow(id, new JsonObject { [table.Schema.IdField] = id.ToString(), ["createdon"] = now });
            if (table.Schema.Find("statecode") is not null)
            {
                row.Data["statecode"] = 0;
                row.Data["statuscode"] = 1;
            }

            table.Stamp++;
            Apply(table, row, write, now);
            Journal(table, id, null);
            IndexKey(table, row, null);
            table.Rows[id] = row;
            table.Tombstones.Remove(id);
            Raise(new DataverseChangeEvent("Create", table.Schema, id, user, write.Target, (JsonObject)row.Data.DeepClone(), correlation));
            return row;
        }
    }

    public DataverseRow Update(DataverseTable table, DataverseRow row, DataverseWrite write, Guid user, Guid correlation)
    {
        lock (Gate)
        {
            table.Stamp++;
            var before = row.Clone();
            var oldKey = table.KeyOf(row);
            Journal(table, row.Id, before);
            Apply(table, row, write, Now());
            IndexKey(table, row, oldKey);
            Raise(new DataverseChangeEvent("Update", table.Schema, row.Id, user, write.Target, (JsonObject)row.Data.DeepClone(), correlation));
            return row;
        }
    }

    public bool Delete(DataverseTable table, Guid id, Guid user, Guid correlation)
    {
        lock (Gate)
        {
            if (!table.Rows.Remove(id, out var row))
            {
                return false;
            }

            table.Stamp++;
            _journal?.Add((table, id, row, null));
            if (table.KeyOf(row) is { } key)
            {
                table.KeyIndex.Remove(key);
            }

            table.Tombstones[id] = ++_version;
            Raise(new DataverseChangeEvent("Delete", table.Schema, id, user, new JsonObject { ["Id"] = id.ToString(), ["LogicalName"] = table.Schema.LogicalName }, null, correlation));
            return true;
        }
    }

    /// <summary>Runs a changeset atomically: all writes or none, events published only on success.</summary>
    public T Atomically<T>(Func<T> body)
    {
        lock (Gate)
        {
            _journal = [];
            try
            {
                var result = body();
                _journal = null;
                Flush();
                return result;
            }
            catch
            {
                Rollback();
                throw;
            }
        }
    }

    private void Rollback()
    {
        var journal = _journal!;
        _journal = null;
        for (var i = journal.Count - 1; i >= 0; i--)
        {
            var (table, id, before, _) = journal[i];
            table.Stamp++;
            if (table.Rows.TryGetValue(id, out var current) && table.KeyOf(current) is { } key)
            {
                table.KeyIndex.Remove(key);
            }

            if (before is null)
            {
                table.Rows.Remove(id);
            }
            else
            {
                table.Rows[id] = before;
                table.Tombstones.Remove(id);
                if (table.KeyOf(before) is { } restored)
                {
                    table.KeyIndex[restored] = id;
                }
            }
        }

        _pending.Clear();
    }

    private void Apply(DataverseTable table, DataverseRow row, DataverseWrite write, string now)
    {
        foreach (var (name, value) in write.Values)
        {
            row.Data[name] = value?.DeepClone();
        }

        foreach (var (name, target) in write.LookupTargets)
        {
            row.LookupTargets[name] = target;
        }

        if (table.Schema.LogicalName == "contact")
        {
            row.Data["fullname"] = $"{row.Data["firstname"]} {row.Data["lastname"]}".Trim();
        }

        row.Version = ++_version;
        row.Data["versionnumber"] = row.Version;
        row.Data["modifiedon"] = now;
    }

    private void IndexKey(DataverseTable table, DataverseRow row, string? oldKey)
    {
        var newKey = table.KeyOf(row);
        if (newKey is not null && table.KeyIndex.TryGetValue(newKey, out var owner) && owner != row.Id)
        {
            throw new DataverseApiException(412, "0x80040237", $"A record that has the attribute values {string.Join(", ", table.Schema.AlternateKey)} already exists.");
        }

        if (oldKey is not null && oldKey != newKey)
        {
            table.KeyIndex.Remove(oldKey);
        }

        if (newKey is not null)
        {
            table.KeyIndex[newKey] = row.Id;
        }
    }

    private void Journal(DataverseTable table, Guid id, DataverseRow? before) => _journal?.Add((table, id, before, null));

    private void Raise(DataverseChangeEvent change)
    {
        _pending.Add(change);
        if (_journal is null)
        {
            Flush();
        }
    }

    private void Flush()
    {
        foreach (var change in _pending)
        {
            _publish(change);
        }

        _pending.Clear();
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
