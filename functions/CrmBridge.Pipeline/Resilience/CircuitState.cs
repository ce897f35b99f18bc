namespace CrmBridge.Pipeline.Resilience;

/// <summary>The state of a target system's circuit.</summary>
public enum CircuitState
{
    /// <summary>Deliveries flow.</summary>
    Closed = 0,

    /// <summary>The target failed repeatedly: deliveries wait (without spending attempts) until the circuit half-opens.</summary>
    Open = 1,

    /// <summary>One probe delivery tests whether the target is back; the rest keep waiting.</summary>
    HalfOpen = 2,
}
