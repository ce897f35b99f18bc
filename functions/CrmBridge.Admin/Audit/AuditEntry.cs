namespace CrmBridge.Admin.Audit;

/// <summary>One admin action kept in the audit log.</summary>
/// <param name="At">When.</param>
/// <param name="User">Who (the admin's name and how they signed in, e.g. <c>Li Wei (key)</c>).</param>
/// <param name="Action"><c>replay</c>, <c>dismiss</c>, <c>reconcile</c> or <c>repair</c>.</param>
/// <param name="Target">Dead letter ids (comma-separated), or the entity reconciled.</param>
/// <param name="Count">How many records the action affected.</param>
/// <param name="Note">The admin's note (dismissals), or <see langword="null"/>.</param>
public sealed record AuditEntry(DateTimeOffset At, string User, string Action, string Target, int Count, string? Note);
