using System.Text.Json.Nodes;

namespace CrmBridge.Connectors;

/// <summary>One change returned by <see cref="IConnector.GetChangesAsync"/>.</summary>
/// <param name="Id">The changed record's id.</param>
/// <param name="Operation">Upsert or delete.</param>
/// <param name="Version">The record's version after the change, when known.</param>
/// <param name="Snapshot">
/// The record as the change feed returned it, so the sync stage needs no second call; <see langword="null"/> for deletes
/// and for feeds that return ids only.
/// </param>
public sealed record RecordChange(string Id, ChangeOperation Operation, string? Version, JsonObject? Snapshot);
