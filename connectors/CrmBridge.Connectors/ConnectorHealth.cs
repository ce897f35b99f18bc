namespace CrmBridge.Connectors;

/// <summary>What a connector saw of its connection in this process (no secrets, no payloads).</summary>
/// <param name="BaseUrl">The base URL or data centre in use.</param>
/// <param name="LastSuccess">When a call last succeeded, or <see langword="null"/>.</param>
/// <param name="LastFailure">When a call last failed, or <see langword="null"/>.</param>
/// <param name="LastErrorCode">The last failure's code (<c>HTTP_503</c>), or <see langword="null"/>.</param>
/// <param name="AuthenticationFailingSince">Since when the system refuses our credentials (401/403 with nothing successful since), or <see langword="null"/>.</param>
/// <param name="ThrottledLastHour">How many calls were throttled (HTTP 429) in the last hour.</param>
public sealed record ConnectorHealth(
    string? BaseUrl,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastFailure,
    string? LastErrorCode,
    DateTimeOffset? AuthenticationFailingSince,
    int ThrottledLastHour);
