namespace CrmBridge.Alerts;

/// <summary>
/// What a rule saw in one evaluation: a condition that holds (<see cref="Firing"/>) or no longer holds for
/// <see cref="Alert.Key"/>. Conditions become one alert when they start and one recovery when they end (<see cref="AlertGate"/>);
/// events (new dead letters) fire and carry no recovery.
/// </summary>
/// <param name="Alert">The alert to send if the gate lets it through (for a recovery: the recovery message).</param>
/// <param name="Firing">Whether the condition holds.</param>
/// <param name="IsEvent">Whether it is a one-off event (no recovery follows).</param>
public sealed record AlertSignal(Alert Alert, bool Firing, bool IsEvent = false);
