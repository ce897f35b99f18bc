namespace CrmBridge.Pipeline.Intake;

/// <summary>How the polls of one system/entity are going, as recorded in the state store for <c>status</c>.</summary>
/// <param name="System">The polled system.</param>
/// <param name="Entity">The polled entity.</param>
/// <param name="LastPollAt">When the last poll ended.</param>
/// <param name="Succeeded">Whether the last poll succeeded.</param>
/// <param name="ConsecutiveFailures">Failed polls in a row (0 after a success).</param>
/// <param name="LastError">The last failure (<c>ErrorCode: message</c>), kept after a success for reference.</param>
/// <param name="FailingSince">When the current run of failures began, or <see langword="null"/> when the last poll succeeded.</param>
/// <param name="LastSuccessAt">When a poll last succeeded.</param>
/// <param name="LastChangesAt">When a poll last found changes (compared with the last push notification: a silent push path).</param>
/// <param name="LastFound">How many changes the last successful poll found.</param>
public sealed record PollTargetStatus(
    string System,
    string Entity,
    DateTimeOffset LastPollAt,
    bool Succeeded,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? FailingSince,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastChangesAt = null,
    int LastFound = 0);
