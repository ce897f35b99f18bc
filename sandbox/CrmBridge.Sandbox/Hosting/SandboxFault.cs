namespace CrmBridge.Sandbox.Hosting;

/// <summary>One fault to inject into one request.</summary>
/// <param name="Kind">The fault.</param>
/// <param name="Delay">The Retry-After (throttle) or the added latency.</param>
public sealed record SandboxFault(SandboxFaultKind Kind, TimeSpan Delay);
