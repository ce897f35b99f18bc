using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.State;

/// <summary>A write the bridge made into a system: the version that write produced, so its change event is recognised.</summary>
/// <param name="Record">The record written.</param>
/// <param name="Version">The version the write produced.</param>
/// <param name="ContentHash">The hash of the document written.</param>
/// <param name="WrittenAt">When it was written.</param>
public sealed record WriteEcho(RecordRef Record, string? Version, string ContentHash, DateTimeOffset WrittenAt);
