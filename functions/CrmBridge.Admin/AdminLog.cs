using Microsoft.Extensions.Logging;

namespace CrmBridge.Admin;

/// <summary>
/// Source-generated log messages of the admin page: the action, how the admin signed in, and ids — never names, record
/// contents or keys (who did what is in the audit log, which the page shows). Failed sign-ins carry the remote address.
/// </summary>
internal static partial class AdminLog
{
    [LoggerMessage(7200, LogLevel.Information, "Admin page listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(7201, LogLevel.Warning, "Admin sign-in refused from {Remote}: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(7202, LogLevel.Information, "Admin signed in ({Method})")]
    public static partial void SignedIn(ILogger logger, string method);

    [LoggerMessage(7203, LogLevel.Warning, "Admin request refused: {Reason} ({Method} {Page})")]
    public static partial void Refused(ILogger logger, string reason, string method, string page);

    [LoggerMessage(7204, LogLevel.Information, "Admin action {Action} on {Target} ({Count} records; audited)")]
    public static partial void Action(ILogger logger, string action, string target, int count);

    [LoggerMessage(7205, LogLevel.Error, "Admin page {Page} failed")]
    public static partial void PageFailed(ILogger logger, Exception exception, string page);

    [LoggerMessage(7206, LogLevel.Warning, "Reconcile {Job} of {System}/{Entity} failed: {Error}")]
    public static partial void ReconcileFailed(ILogger logger, string job, string system, string entity, string error);

    [LoggerMessage(7207, LogLevel.Warning, "Audit entry could not be saved after retries ({Action} {Target})")]
    public static partial void AuditConflict(ILogger logger, string action, string target);
}
