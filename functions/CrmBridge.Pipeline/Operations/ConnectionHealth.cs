using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;

namespace CrmBridge.Pipeline.Operations;

/// <summary>The health of one configured system's connection, as <c>crmbridge status</c> and the health endpoint show it.</summary>
/// <param name="System">The system.</param>
/// <param name="Ok">Whether nothing needs a person.</param>
/// <param name="Verdict">One line: <c>OK</c>, or the worst of <see cref="Problems"/> (what is wrong, since when, what to do).</param>
/// <param name="Circuit">The delivery circuit state (<c>Closed</c>, <c>Open</c>, <c>HalfOpen</c>), or <see langword="null"/> when never used as a target.</param>
/// <param name="CircuitLastError">The circuit's last error code, or <see langword="null"/>.</param>
/// <param name="Checkpoints">Change detection per entity: when its checkpoint was last saved.</param>
/// <param name="LastFailure">The newest open dead letter from this system (when, code), or <see langword="null"/>.</param>
/// <param name="AuthenticationFailingSince">Since when credentials are refused (live or from dead letters), or <see langword="null"/>.</param>
/// <param name="Live">What a process's connector saw (authentication, base URL, last success/failure, 429s, quota, delta tokens, push channels), when known.</param>
public sealed record ConnectionHealth(
    string System,
    bool Ok,
    string Verdict,
    string? Circuit,
    string? CircuitLastError,
    IReadOnlyList<CheckpointAge> Checkpoints,
    FailureNote? LastFailure,
    DateTimeOffset? AuthenticationFailingSince,
    ConnectorHealth? Live)
{
    /// <summary>Gets every problem found, worst first (<see cref="Verdict"/> is the first); empty when <see cref="Ok"/>.</summary>
    public IReadOnlyList<ConnectionProblem> Problems { get; init; } = [];

    /// <summary>Gets the polls of this system: last poll, outcome, failures in a row, when changes were last found.</summary>
    public IReadOnlyList<PollTargetStatus> Polls { get; init; } = [];

    /// <summary>Gets how many calls were throttled in the hour before the report (a stored snapshot's count decays).</summary>
    public int ThrottledLastHour { get; init; }

    /// <summary>Gets since when the system's push path is silent while polling finds changes, or <see langword="null"/>.</summary>
    public DateTimeOffset? PushSilentSince { get; init; }
}
