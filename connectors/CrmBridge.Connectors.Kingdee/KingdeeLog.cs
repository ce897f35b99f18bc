using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>Source-generated log messages of the K3Cloud connector: ids, counts and codes, never payloads.</summary>
internal static partial class KingdeeLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "{System} signed in ({Mode})")]
    public static partial void LoggedIn(ILogger logger, string system, string mode);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "{System} login failed: LoginResultType {ResultType}")]
    public static partial void LoginFailed(ILogger logger, string system, long resultType);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "{System} session lost during {Operation}; signing in again once")]
    public static partial void SessionLost(ILogger logger, string system, string operation);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "{System} {Operation} on {Form}: network-control conflict, retry {Retry}")]
    public static partial void NetworkControlConflict(ILogger logger, string system, string operation, string form, int retry);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "{System} {Operation} on {Form} failed: HTTP {Status} MsgCode {MsgCode}")]
    public static partial void CallFailed(ILogger logger, string system, string operation, string form, int status, int msgCode);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "{System} saved {Form}: {Succeeded} succeeded, {Failed} failed, {Calls} calls")]
    public static partial void Saved(ILogger logger, string system, string form, int succeeded, int failed, int calls);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "{System} {Form} {RecordId} is audited; un-auditing to update it")]
    public static partial void UnAuditing(ILogger logger, string system, string form, string recordId);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "{System} read {Count} changes of {Entity} (more: {HasMore})")]
    public static partial void ChangesRead(ILogger logger, string system, string entity, int count, bool hasMore);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Debug, Message = "{System} deleted {Form} {RecordId}: {Deleted}")]
    public static partial void Deleted(ILogger logger, string system, string form, string recordId, bool deleted);
}
