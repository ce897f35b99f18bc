using System.Text.Json.Nodes;

namespace CrmBridge.Connectors;

/// <summary>A record as read from its system, shaped as that system shapes it.</summary>
/// <param name="Id">The record's id in its system.</param>
/// <param name="Data">The record's JSON document (fields as the system names them; child collections inline).</param>
/// <param name="Version">
/// A value that orders versions of this record (row version, modified time, ETag), or <see langword="null"/> when the system
/// has none. Compared with <see cref="VersionComparer"/>.
/// </param>
public sealed record SourceRecord(string Id, JsonObject Data, string? Version);
