namespace CrmBridge.Alerts;

/// <summary>What an alert is about; each kind is one rule with its own defaults (docs/alerts.md).</summary>
public enum AlertKind
{
    /// <summary>New dead letters on a route in the last window (batched, with the top error codes).</summary>
    DeadLetters = 0,

    /// <summary>A target system's circuit opened (deliveries wait) or closed again.</summary>
    Circuit = 1,

    /// <summary>A system refuses our credentials (HTTP 401/403, invalid token or refresh token, a refused token request).</summary>
    Authentication = 2,

    /// <summary>Polling a system and entity failed several times in a row.</summary>
    PollFailing = 3,

    /// <summary>The queue has not drained for longer than the configured age.</summary>
    Backlog = 4,

    /// <summary>A push channel (Zoho notification channel, Business Central subscription) expired, or pushes stopped while polling finds changes.</summary>
    PushChannel = 5,
}
