using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>Source-generated log messages (ids and outcomes only, never payloads).</summary>
internal static partial class BusinessCentralLog
{
    [LoggerMessage(EventId = 4601, Level = LogLevel.Debug, Message = "{System}: access token acquired, expires {ExpiresOn}")]
    public static partial void TokenAcquired(ILogger logger, string system, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "{System}: access token rejected (401), refreshing once")]
    public static partial void TokenRejected(ILogger logger, string system);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Warning, Message = "{System}: throttled on {Entity} ({ErrorCode}), retry after {RetryAfter}")]
    public static partial void Throttled(ILogger logger, string system, string entity, string errorCode, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Information, Message = "{System}: HTTP {Status}, backing off {Wait} (attempt {Attempt})")]
    public static partial void Backoff(ILogger logger, string system, int status, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 4605, Level = LogLevel.Information, Message = "{System}: company resolved to {CompanyId}")]
    public static partial void CompanyResolved(ILogger logger, string system, string companyId);

    [LoggerMessage(EventId = 4606, Level = LogLevel.Debug, Message = "{System}: upserted {Entity} {RecordId} (created: {Created})")]
    public static partial void Upserted(ILogger logger, string system, string entity, string recordId, bool created);

    [LoggerMessage(EventId = 4607, Level = LogLevel.Information, Message = "{System}: {Entity} {Key} conflicted ({ErrorCode}), re-reading and retrying")]
    public static partial void ConcurrencyRetry(ILogger logger, string system, string entity, string key, string errorCode);

    [LoggerMessage(EventId = 4608, Level = LogLevel.Debug, Message = "{System}: $batch of {Count} operations on {Entity} (snapshot: {Isolated})")]
    public static partial void Batch(ILogger logger, string system, string entity, int count, bool isolated);

    [LoggerMessage(EventId = 4609, Level = LogLevel.Debug, Message = "{System}: {Entity} change page with {Count} changes, more: {HasMore}")]
    public static partial void ChangePage(ILogger logger, string system, string entity, int count, bool hasMore);

    [LoggerMessage(EventId = 4610, Level = LogLevel.Warning, Message = "{System}: webhook rejected with {Status}: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string system, int status, string reason);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Debug, Message = "{System}: notification for {Entity} ({ChangeType}) ignored: {Reason}")]
    public static partial void WebhookIgnored(ILogger logger, string system, string entity, string changeType, string reason);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Information, Message = "{System}: collection notification for {Entity} recorded for a follow-up query")]
    public static partial void CollectionReceived(ILogger logger, string system, string entity);

    [LoggerMessage(EventId = 4613, Level = LogLevel.Information, Message = "{System}: subscription for {Entity} created ({SubscriptionId})")]
    public static partial void SubscriptionCreated(ILogger logger, string system, string entity, string subscriptionId);

    [LoggerMessage(EventId = 4614, Level = LogLevel.Information, Message = "{System}: subscription for {Entity} renewed ({SubscriptionId})")]
    public static partial void SubscriptionRenewed(ILogger logger, string system, string entity, string subscriptionId);
}
