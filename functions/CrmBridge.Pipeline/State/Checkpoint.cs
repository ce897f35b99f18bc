namespace CrmBridge.Pipeline.State;

/// <summary>A stored change-detection checkpoint (delta link, watermark, page token).</summary>
/// <param name="Value">The opaque checkpoint value the connector returned.</param>
/// <param name="ETag">The concurrency token to pass back when saving, so two pollers never both advance it.</param>
/// <param name="UpdatedAt">When it was last saved.</param>
public sealed record Checkpoint(string Value, string ETag, DateTimeOffset UpdatedAt);
