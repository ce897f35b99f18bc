using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Source-generated log messages (ids and outcomes only, never payloads).</summary>
internal static partial class DataverseLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "{System}: access token acquired, expires {ExpiresOn}")]
    public static partial void TokenAcquired(ILogger logger, string system, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "{System}: access token rejected (401), refreshing once")]
    public static partial void TokenRejected(ILogger logger, string system);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "{System}: throttled on {Entity} ({ErrorCode}), retry after {RetryAfter}")]
    public static partial void Throttled(ILogger logger, string system, string entity, string errorCode, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "{System}: {Entity} change page with {Count} changes, more: {HasMore}")]
    public static partial void ChangePage(ILogger logger, string system, string entity, int count, bool hasMore);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "{System}: delta token for {Entity} expired, a full resync is needed")]
    public static partial void CheckpointExpired(ILogger logger, string system, string entity);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "{System}: upserted {Entity} {RecordId} (created: {Created})")]
    public static partial void Upserted(ILogger logger, string system, string entity, string recordId, bool created);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "{System}: {Entity} {RecordId} changed since it was read (412), re-reading and retrying once")]
    public static partial void ConcurrencyRetry(ILogger logger, string system, string entity, string recordId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "{System}: webhook for {Entity} {RecordId} ignored ({Reason}), correlation {CorrelationId}")]
    public static partial void WebhookIgnored(ILogger logger, string system, string entity, string recordId, string reason, string? correlationId);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "{System}: webhook rejected with {Status}: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string system, int status, string reason);

    [LoggerMessage(EventId = 7300, Level = LogLevel.Information, Message = "{System}: the bridge's application user is {UserId} (WhoAmI); webhook events it causes are ignored")]
    public static partial void ApplicationUserDiscovered(ILogger logger, string system, Guid userId);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "{System}: WhoAmI failed ({Reason}); set Connectors:Dataverse:ApplicationUserId so the bridge's own changes are dropped at the webhook")]
    public static partial void ApplicationUserUnknown(ILogger logger, string system, string reason);

    [LoggerMessage(EventId = 8000, Level = LogLevel.Debug, Message = "{System}: read {Rows} {EntitySet} rows for {Ids} ids with {Requests} requests in {Calls} calls")]
    public static partial void IdRead(ILogger logger, string system, string entitySet, int ids, int rows, int requests, int calls);
}
