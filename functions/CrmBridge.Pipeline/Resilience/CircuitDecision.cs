namespace CrmBridge.Pipeline.Resilience;

/// <summary>Whether a delivery to a target may go now.</summary>
/// <param name="Allowed">Whether the delivery may go.</param>
/// <param name="IsProbe">Whether it is the one probe of a half-open circuit (its outcome decides the circuit).</param>
/// <param name="RetryAt">When a refused delivery should be tried again.</param>
public readonly record struct CircuitDecision(bool Allowed, bool IsProbe, DateTimeOffset RetryAt)
{
    /// <summary>Gets a decision that lets the delivery go.</summary>
    public static CircuitDecision Go { get; } = new(true, false, default);
}
