namespace CrmBridge.Connectors;

/// <summary>What a connector saw of its connection in this process (no secrets, no payloads).</summary>
/// <param name="BaseUrl">The base URL or data centre in use.</param>
/// <param name="LastSuccess">When a call last succeeded, or <see langword="null"/>.</param>
/// <param name="LastFailure">When a call last failed, or <see langword="null"/>.</param>
/// <param name="LastErrorCode">The last failure's code (<c>HTTP_503</c>), or <see langword="null"/>.</param>
/// <param name="AuthenticationFailingSince">Since when the system refuses our credentials (401/403 with nothing successful since, or a refused token request), or <see langword="null"/>.</param>
/// <param name="ThrottledLastHour">How many calls were throttled (HTTP 429) in the last hour.</param>
public sealed record ConnectorHealth(
    string? BaseUrl,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastFailure,
    string? LastErrorCode,
    DateTimeOffset? AuthenticationFailingSince,
    int ThrottledLastHour)
{
    /// <summary>Gets the system name.</summary>
    public string? System { get; init; }

    /// <summary>Gets where the credentials stand (token obtained, refreshing, failing).</summary>
    public AuthenticationState Authentication { get; init; }

    /// <summary>Gets why authentication fails (<c>invalid_code</c>, <c>HTTP 401</c>), or <see langword="null"/>.</summary>
    public string? AuthenticationReason { get; init; }

    /// <summary>Gets when the current access token or session expires, or <see langword="null"/> when unknown.</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>Gets one line saying why the connection cannot work and what to do, or <see langword="null"/> when nothing is known to be wrong.</summary>
    public string? Problem { get; init; }

    /// <summary>Gets the quota the system reported left on its last answer (Dataverse <c>x-ms-ratelimit-*</c>), or <see langword="null"/> when it does not say.</summary>
    public string? QuotaRemaining { get; init; }

    /// <summary>Gets the throttled calls per minute over the last hour (so a reader in another process can let the count decay).</summary>
    public IReadOnlyList<ThrottleCount> Throttled { get; init; } = [];

    /// <summary>Gets the change-tracking tokens in use, per entity.</summary>
    public IReadOnlyList<ChangeTokenAge> ChangeTokens { get; init; } = [];

    /// <summary>Gets the push channels (notification channels, webhook subscriptions) the bridge keeps alive.</summary>
    public IReadOnlyList<PushChannelState> PushChannels { get; init; } = [];

    /// <summary>Gets when the system last pushed a change notification (webhook) to us, or <see langword="null"/> when never in this process.</summary>
    public DateTimeOffset? LastNotificationAt { get; init; }

    /// <summary>Gets when this snapshot was taken.</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>Counts the throttled calls in the hour before <paramref name="now"/> (a stored snapshot decays as time passes).</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The count.</returns>
    public int ThrottledInHourBefore(DateTimeOffset now) =>
        Throttled.Count == 0 ? ThrottledLastHour : Throttled.Where(t => now - t.Minute < TimeSpan.FromHours(1)).Sum(t => t.Count);
}
