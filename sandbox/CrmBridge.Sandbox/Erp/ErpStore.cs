using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// The in-memory ERP database: one lock guards the tables and the change feed, so ids, versions and sequence numbers are
/// assigned in one order and webhook notices leave in that order. Stored records are never mutated (a write replaces the
/// object), so feed snapshots can share them; callers always get copies.
/// </summary>
internal sealed partial class ErpStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ErpTable> _tables;
    private readonly TimeProvider _time;
    private readonly Action<ErpChange> _onChange;

    public ErpStore(TimeProvider time, int changeLogCapacity, Action<ErpChange> onChange)
    {
        _time = time;
        _capacity = changeLogCapacity;
        _onChange = onChange;
        _tables = ErpEntities.All.ToDictionary(e => e, e => new ErpTable(e), StringComparer.Ordinal);
    }

    public static bool IsEntity(string entity) => ErpEntities.All.Contains(entity, StringComparer.Ordinal);

    /// <summary>Creates or updates a record by external id, merging the body's fields into the stored record.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="externalId">The upsert key.</param>
    /// <param name="body">The fields to write (<c>null</c> clears a field; system fields are ignored).</param>
    /// <param name="ifMatch">The version the caller expects, or <see langword="null"/>.</param>
    public ErpWriteOutcome Upsert(string entity, string externalId, JsonObject body, long? ifMatch)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(entity, out var table))
            {
                return ErpWriteOutcome.Fail(ErpError.NotFound($"Entity '{entity}'"));
            }

            var existing = table.ByExternalId.TryGetValue(externalId, out var id) ? table.Records[id] : null;
            if (ifMatch is { } expected && (existing is null || Version(existing) != expected))
            {
                return ErpWriteOutcome.Fail(new ErpError(412, "VERSION_CONFLICT", "The record's version does not match If-Match."));
            }

            var fields = existing is null ? new JsonObject() : Fields(existing);
            foreach (var (name, value) in body)
            {
                if (ErpEntities.SystemFields.Contains(name, StringComparer.Ordinal))
                {
                    continue;
                }

                if (value is null)
                {
                    fields.Remove(name);
                }
                else
                {
                    fields[name] = value.DeepClone();
                }
            }

            if (existing is null)
            {
                ErpEntities.ApplyDefaults(entity, fields);
            }

            return Commit(table, existing, id ?? table.NextId(), externalId, fields);
        }
    }

    /// <summary>Applies a sandbox control (ship, invoice, resolve) to a record.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="id">The record id.</param>
    /// <param name="change">Changes a copy of the record's fields; returns an error to refuse.</param>
    public ErpWriteOutcome Update(string entity, string id, Func<JsonObject, ErpError?> change)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(entity, out var table) || !table.Records.TryGetValue(id, out var existing))
            {
                return ErpWriteOutcome.Fail(ErpError.NotFound($"{entity} record '{id}'"));
            }

            var fields = Fields(existing);
            return change(fields) is { } error
                ? ErpWriteOutcome.Fail(error)
                : Commit(table, existing, id, existing["externalId"]!.GetValue<string>(), fields);
        }
    }

    public JsonObject? Get(string entity, string id)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(entity, out var table) && table.Records.TryGetValue(id, out var record)
                ? (JsonObject)record.DeepClone()
                : null;
        }
    }

    public JsonObject? GetByExternalId(string entity, string externalId)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(entity, out var table) && table.ByExternalId.TryGetValue(externalId, out var id)
                ? (JsonObject)table.Records[id].DeepClone()
                : null;
        }
    }

    public bool Delete(string entity, string id)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(entity, out var table) || !table.Records.Remove(id, out var record))
            {
                return false;
            }

            table.ByExternalId.Remove(record["externalId"]!.GetValue<string>());
            Append(entity, id, "delete", Version(record), null);
            return true;
        }
    }

    public int Count(string entity)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(entity, out var table) ? table.Records.Count : 0;
        }
    }

    public IReadOnlyList<string> ListIds(string entity)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(entity, out var table) ? table.Records.Keys.Order(StringComparer.Ordinal).ToList() : [];
        }
    }

    public IReadOnlyList<JsonObject> List(string entity)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(entity, out var table)
                ? table.Records.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (JsonObject)r.Value.DeepClone()).ToList()
                : [];
        }
    }

    private ErpWriteOutcome Commit(ErpTable table, JsonObject? existing, string id, string externalId, JsonObject fields)
    {
        if (ErpValidator.Validate(table.Entity, fields, Exists) is { } error)
        {
            return ErpWriteOutcome.Fail(error);
        }

        // An upsert that changes nothing keeps the version and adds no change: redelivery never echoes back.
        if (existing is not null && JsonNode.DeepEquals(Fields(existing), fields))
        {
            return new ErpWriteOutcome((JsonObject)existing.DeepClone(), false, null);
        }

        var version = existing is null ? 1 : Version(existing) + 1;
        var record = new JsonObject { ["id"] = id, ["externalId"] = externalId };
        foreach (var (name, value) in fields)
        {
            record[name] = value?.DeepClone();
        }

        record["version"] = version;
        record["updatedAt"] = Timestamp(_time);
        table.Records[id] = record;
        table.ByExternalId[externalId] = id;
        Append(table.Entity, id, "upsert", version, record);
        return new ErpWriteOutcome((JsonObject)record.DeepClone(), existing is null, null);
    }

    private bool Exists(string entity, string id) => _tables.TryGetValue(entity, out var t) && t.Records.ContainsKey(id);

    private static JsonObject Fields(JsonObject record)
    {
        var fields = (JsonObject)record.DeepClone();
        foreach (var name in ErpEntities.SystemFields)
        {
            fields.Remove(name);
        }

        return fields;
    }

    private static long Version(JsonObject record) => record["version"]!.GetValue<long>();

    /// <summary>Formats a timestamp as the ERP does (ISO-8601 UTC, milliseconds).</summary>
    internal static string Timestamp(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
