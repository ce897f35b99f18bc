using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Erp;

/// <summary>Source-generated log messages of the ERP connector: ids and outcomes, never payloads.</summary>
internal static partial class ErpConnectorLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "{System} upserted {Entity} {RecordId} (created: {Created}, version {Version})")]
    public static partial void Upserted(ILogger logger, string system, string entity, string recordId, bool created, string? version);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "{System} batch upsert of {Entity}: {Succeeded} succeeded, {Failed} failed, {Calls} calls")]
    public static partial void BatchUpserted(ILogger logger, string system, string entity, int succeeded, int failed, int calls);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "{System} read {Count} changes of {Entity} after {Checkpoint} (more: {HasMore})")]
    public static partial void ChangesRead(ILogger logger, string system, string entity, int count, string checkpoint, bool hasMore);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "{System} {Method} on {Entity} failed: HTTP {Status} {ErrorCode} ({Kind})")]
    public static partial void CallFailed(ILogger logger, string system, string method, string entity, int status, string errorCode, ErrorKind kind);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "{System} {Method} on {Entity} failed without a response: {ErrorCode}")]
    public static partial void NetworkFailed(ILogger logger, string system, string method, string entity, string errorCode);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "{System} deleted {Entity} {RecordId}: {Deleted}")]
    public static partial void Deleted(ILogger logger, string system, string entity, string recordId, bool deleted);
}
