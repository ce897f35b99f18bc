namespace CrmBridge.Testing.Connectors;

/// <summary>Faults a sandbox can inject for the connector contract suite.</summary>
public enum FaultKind
{
    /// <summary>Service protection: HTTP 429 (or the system's equivalent error code) with a Retry-After.</summary>
    Throttle = 0,

    /// <summary>A server error (HTTP 500/503 or the system's equivalent transient code).</summary>
    ServerError = 1,
}
