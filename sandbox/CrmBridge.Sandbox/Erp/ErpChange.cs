using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>One entry of the change feed.</summary>
/// <param name="Seq">The feed's sequence number (1, 2, 3, ... across all entities).</param>
/// <param name="Entity">The entity (<c>customers</c>, <c>salesOrders</c>, <c>cases</c>).</param>
/// <param name="Id">The record id.</param>
/// <param name="Operation"><c>upsert</c> or <c>delete</c>.</param>
/// <param name="Version">The record's version after the change (the last version for deletes).</param>
/// <param name="Record">The snapshot after the change; <see langword="null"/> for deletes. Never mutated once stored.</param>
public sealed record ErpChange(long Seq, string Entity, string Id, string Operation, long Version, JsonObject? Record)
{
    /// <summary>Renders the entry as the feed shows it.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["seq"] = Seq,
            ["entity"] = Entity,
            ["id"] = Id,
            ["operation"] = Operation,
            ["version"] = Version,
        };
        if (Record is not null)
        {
            json["record"] = Record.DeepClone();
        }

        return json;
    }
}
