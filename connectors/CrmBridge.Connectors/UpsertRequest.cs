using System.Text.Json.Nodes;

namespace CrmBridge.Connectors;

/// <summary>A request to create or update one record by its external key.</summary>
/// <param name="Entity">The target entity.</param>
/// <param name="KeyField">The field that identifies the record in the target (an alternate key, external id field or the record id).</param>
/// <param name="KeyValue">The key's value.</param>
/// <param name="Data">The fields to write. Connectors must not require the key to be repeated in the body.</param>
/// <param name="IfMatch">
/// Optional concurrency token: write only when the target's current version still matches. <see langword="null"/> = last write wins.
/// </param>
public sealed record UpsertRequest(string Entity, string KeyField, string KeyValue, JsonObject Data, string? IfMatch = null);
