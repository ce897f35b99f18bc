namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>How the connector treats one Fxiaoke <c>errorCode</c>.</summary>
public enum FxiaokeErrorClass
{
    /// <summary>Validation, permission or configuration errors: dead-lettered with Fxiaoke's code and message.</summary>
    Permanent = 0,

    /// <summary>System busy, timeouts: retried with backoff.</summary>
    Transient = 1,

    /// <summary>The corpAccessToken is invalid or expired: renewed once and the call retried; transient if it persists.</summary>
    TokenExpired = 2,

    /// <summary>The per-interface rate limit: retried after a rate-limit window.</summary>
    Throttled = 3,

    /// <summary>The daily call quota is spent (or none was bought): retried after the quota resets, without spending attempts.</summary>
    QuotaExhausted = 4,

    /// <summary>The record does not exist (or was invalidated/deleted).</summary>
    NotFound = 5,
}
