namespace CrmBridge.Connectors;

/// <summary>One page of changes and where to resume.</summary>
/// <param name="Changes">The changes on this page, oldest first.</param>
/// <param name="NextCheckpoint">
/// The checkpoint to store once these changes are safely enqueued, and to pass to the next call. Opaque to the caller
/// (a delta link, a watermark plus tie-breaker, a page token).
/// </param>
/// <param name="HasMore"><see langword="true"/> when more changes are ready now: call again with <paramref name="NextCheckpoint"/>.</param>
public sealed record ChangePage(IReadOnlyList<RecordChange> Changes, string? NextCheckpoint, bool HasMore);
