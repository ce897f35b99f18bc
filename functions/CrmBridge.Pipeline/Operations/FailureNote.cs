namespace CrmBridge.Pipeline.Operations;

/// <summary>A failure, by time and code only.</summary>
/// <param name="At">When.</param>
/// <param name="ErrorCode">The code.</param>
public sealed record FailureNote(DateTimeOffset At, string ErrorCode);
