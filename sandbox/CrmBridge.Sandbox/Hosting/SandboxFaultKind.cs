namespace CrmBridge.Sandbox.Hosting;

/// <summary>Faults every emulator can inject; each emulator renders them in its own system's wire shape.</summary>
public enum SandboxFaultKind
{
    /// <summary>Service protection / rate limit: HTTP 429 with Retry-After (Fxiaoke: its rate-limit errorCode).</summary>
    Throttle = 0,

    /// <summary>A server error: HTTP 500/503 (Fxiaoke: a system-busy errorCode).</summary>
    ServerError = 1,

    /// <summary>The connection is dropped without a response.</summary>
    DropConnection = 2,

    /// <summary>The response is delayed by <see cref="SandboxFault.Delay"/>, then served normally.</summary>
    Latency = 3,
}
