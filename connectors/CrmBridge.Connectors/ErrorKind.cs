namespace CrmBridge.Connectors;

/// <summary>How the pipeline treats a failure.</summary>
public enum ErrorKind
{
    /// <summary>Timeouts, 5xx, connection resets, token expiry after one refresh: retried with exponential backoff.</summary>
    Transient = 0,

    /// <summary>Throttled (HTTP 429 and equivalents): retried no earlier than <see cref="ConnectorException.RetryAfter"/>.</summary>
    Throttled = 1,

    /// <summary>
    /// A daily quota or credit budget is exhausted: retried when it resets (<see cref="ConnectorException.RetryAfter"/>),
    /// without spending the envelope's attempts.
    /// </summary>
    QuotaExhausted = 2,

    /// <summary>Validation errors, bad requests, unknown picklist values: never retried, dead-lettered with the reason.</summary>
    Permanent = 3,

    /// <summary>The record does not exist in the system.</summary>
    NotFound = 4,

    /// <summary>A change checkpoint (delta token, page token) expired: the poller restarts with a full resync.</summary>
    CheckpointExpired = 5,
}
