using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.Operations;

/// <summary>The health of one configured system's connection, as <c>crmbridge status</c> and the health endpoint show it.</summary>
/// <param name="System">The system.</param>
/// <param name="Ok">Whether nothing needs a person.</param>
/// <param name="Verdict">One line: <c>OK</c>, or what is wrong, since when, and what to do.</param>
/// <param name="Circuit">The delivery circuit state (<c>Closed</c>, <c>Open</c>, <c>HalfOpen</c>), or <see langword="null"/> when never used as a target.</param>
/// <param name="CircuitLastError">The circuit's last error code, or <see langword="null"/>.</param>
/// <param name="Checkpoints">Change detection per entity: when its checkpoint was last saved.</param>
/// <param name="LastFailure">The newest open dead letter from this system (when, code), or <see langword="null"/>.</param>
/// <param name="AuthenticationFailingSince">Since when credentials are refused (live or from dead letters), or <see langword="null"/>.</param>
/// <param name="Live">What this process's connector saw (base URL, last success/failure, 429s in the last hour), when it can tell.</param>
public sealed record ConnectionHealth(
    string System,
    bool Ok,
    string Verdict,
    string? Circuit,
    string? CircuitLastError,
    IReadOnlyList<CheckpointAge> Checkpoints,
    FailureNote? LastFailure,
    DateTimeOffset? AuthenticationFailingSince,
    ConnectorHealth? Live);
