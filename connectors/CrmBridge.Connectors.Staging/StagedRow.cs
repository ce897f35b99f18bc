namespace CrmBridge.Connectors.Staging;

/// <summary>One validated row of a batch upsert: its business key, serialized payload and payload hash.</summary>
internal sealed record StagedRow(string Key, string Json, string Hash);
