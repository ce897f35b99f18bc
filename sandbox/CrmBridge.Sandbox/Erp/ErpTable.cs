using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>The records of one entity. Not thread-safe on its own: <see cref="ErpStore"/> guards it.</summary>
internal sealed class ErpTable(string entity)
{
    private long _lastNumber;

    public string Entity { get; } = entity;

    /// <summary>Gets the records by id. Stored records are never mutated: a write replaces the object.</summary>
    public Dictionary<string, JsonObject> Records { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the external id → id index (the upsert key is unique).</summary>
    public Dictionary<string, string> ByExternalId { get; } = new(StringComparer.Ordinal);

    public string NextId() => ErpEntities.Prefix(Entity) + (++_lastNumber).ToString("D6", CultureInfo.InvariantCulture);
}
