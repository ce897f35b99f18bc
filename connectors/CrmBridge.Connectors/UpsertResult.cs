namespace CrmBridge.Connectors;

/// <summary>The outcome of a successful upsert.</summary>
/// <param name="Id">The record's id in the target system (for example the ERP customer number).</param>
/// <param name="Created"><see langword="true"/> when the record was created, <see langword="false"/> when updated.</param>
/// <param name="Version">
/// The record's version after the write, when the system returns it. The pipeline remembers it so the change event the
/// write itself causes is recognised and dropped (loop prevention).
/// </param>
public sealed record UpsertResult(string Id, bool Created, string? Version);
