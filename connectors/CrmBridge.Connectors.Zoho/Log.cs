using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Zoho;

/// <summary>Source-generated log messages (ids and outcomes only, never payloads).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "{System}: access token refreshed; API domain {ApiDomain}")]
    public static partial void TokenRefreshed(ILogger logger, string system, string apiDomain);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "{System}: token request refused: {Error}")]
    public static partial void TokenRefreshFailed(ILogger logger, string system, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "{System}: access token rejected (INVALID_TOKEN); refreshing once and retrying")]
    public static partial void TokenRejected(ILogger logger, string system);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "{System}: call {Path} failed with HTTP {Status} {ErrorCode}")]
    public static partial void CallFailed(ILogger logger, string system, string path, int status, string errorCode);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "{System}: wrote {Count} {Entity} records ({Failed} failed)")]
    public static partial void Wrote(ILogger logger, string system, string entity, int count, int failed);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "{System}: notification channel {ChannelId} for {Entity} active until {Expiry}")]
    public static partial void ChannelActive(ILogger logger, string system, string channelId, string entity, DateTimeOffset expiry);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "{System}: renewing notification channels failed ({ErrorCode}); retrying at the next check")]
    public static partial void RenewFailed(ILogger logger, string system, string errorCode);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug, Message = "{System}: {Entity} record {RecordId} notification ignored as the bridge's own write")]
    public static partial void EchoIgnored(ILogger logger, string system, string entity, string recordId);

    [LoggerMessage(EventId = 7600, Level = LogLevel.Debug, Message = "{System}: {Count} {Entity} deletions read from the deleted-records list (page {Page})")]
    public static partial void DeletionsRead(ILogger logger, string system, string entity, int count, int page);
}
