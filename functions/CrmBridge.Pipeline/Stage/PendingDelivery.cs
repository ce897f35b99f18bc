using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Stage;

/// <summary>A mapped document ready to be upserted into a route's target, with what the ledger records once it is.</summary>
/// <param name="Envelope">The change it came from.</param>
/// <param name="Route">The route.</param>
/// <param name="Document">The mapped document without its key field.</param>
/// <param name="KeyValue">The value of the route's target key field.</param>
/// <param name="ContentHash">The canonical hash of the mapped document (key included).</param>
/// <param name="SourceVersion">The source version mapped, when known.</param>
internal sealed record PendingDelivery(ChangeEnvelope Envelope, SyncRoute Route, JsonObject Document, string KeyValue, string ContentHash, string? SourceVersion)
{
    /// <summary>Gets the upsert request.</summary>
    public UpsertRequest Request => new(Route.TargetEntity, Route.TargetKeyField, KeyValue, Document);
}
