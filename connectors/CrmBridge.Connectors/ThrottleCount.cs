namespace CrmBridge.Connectors;

/// <summary>How many calls were throttled (HTTP 429 or the system's own rate-limit error) in one minute.</summary>
/// <param name="Minute">The start of the minute (UTC).</param>
/// <param name="Count">The throttled calls in it.</param>
public sealed record ThrottleCount(DateTimeOffset Minute, int Count);
