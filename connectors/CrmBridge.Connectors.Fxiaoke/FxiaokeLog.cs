using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>Source-generated log messages: ids and outcomes only, never payloads or personal data.</summary>
internal static partial class FxiaokeLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "{System}: corpAccessToken obtained, expires in {ExpiresIn} s")]
    public static partial void TokenRenewed(ILogger logger, string system, int expiresIn);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "{System}: token request failed with errorCode {ErrorCode}")]
    public static partial void TokenFailed(ILogger logger, string system, int errorCode);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "{System}: token rejected (errorCode {ErrorCode}) on {Api}; renewing once")]
    public static partial void TokenRejected(ILogger logger, string system, int errorCode, string api);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "{System}: {Api} failed with errorCode {ErrorCode} ({Kind})")]
    public static partial void CallFailed(ILogger logger, string system, string api, string errorCode, string kind);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "{System}: {Entity} changes page of {Count} (checkpoint phase {Phase})")]
    public static partial void ChangesPage(ILogger logger, string system, string entity, int count, string phase);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Debug, Message = "{System}: {Entity}/{RecordId} {Outcome}")]
    public static partial void Written(ILogger logger, string system, string entity, string recordId, string outcome);
}
