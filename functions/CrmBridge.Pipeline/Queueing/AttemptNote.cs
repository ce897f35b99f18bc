namespace CrmBridge.Pipeline.Queueing;

/// <summary>One failed attempt, kept in the envelope and copied into the dead letter.</summary>
/// <param name="At">When the attempt failed.</param>
/// <param name="ErrorCode">The machine-readable error code.</param>
/// <param name="Message">What went wrong.</param>
public sealed record AttemptNote(DateTimeOffset At, string ErrorCode, string Message);
