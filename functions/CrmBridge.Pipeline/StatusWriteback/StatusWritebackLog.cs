using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.StatusWriteback;

/// <summary>Source-generated log messages of the sync-status write-back (event ids 7400–7449): ids and codes only.</summary>
internal static partial class StatusWritebackLog
{
    [LoggerMessage(7400, LogLevel.Debug, "Route {Route}: status {Status} of {System}/{Entity}/{RecordId} queued ({CorrelationId})")]
    public static partial void Queued(ILogger logger, string route, string status, string system, string entity, string recordId, string correlationId);

    [LoggerMessage(7401, LogLevel.Warning, "Route {Route}: the {Status} status of {RecordId} could not be queued; the record's sync is unaffected ({CorrelationId})")]
    public static partial void NotQueued(ILogger logger, Exception exception, string route, string status, string recordId, string correlationId);

    [LoggerMessage(7402, LogLevel.Debug, "Status writes to {System}/{Entity}: {Written} written, {Failed} failed")]
    public static partial void Wrote(ILogger logger, string system, string entity, int written, int failed);

    [LoggerMessage(7403, LogLevel.Information, "Route {Route}: status write to {RecordId} failed ({ErrorCode}); retry {Attempt} in {Delay} ({CorrelationId})")]
    public static partial void Retrying(ILogger logger, string route, string recordId, string errorCode, int attempt, TimeSpan delay, string correlationId);

    [LoggerMessage(7404, LogLevel.Warning, "Route {Route}: status write to {System}/{Entity}/{RecordId} given up ({ErrorCode}); the record itself is unaffected ({CorrelationId})")]
    public static partial void GivenUp(ILogger logger, string route, string system, string entity, string recordId, string errorCode, string correlationId);

    [LoggerMessage(7405, LogLevel.Debug, "Route {Route}: status {Status} of {RecordId} not written (already shown, or a newer outcome was written) ({CorrelationId})")]
    public static partial void Unchanged(ILogger logger, string route, string status, string recordId, string correlationId);

    [LoggerMessage(7406, LogLevel.Debug, "Route {Route}: change of {RecordId} is the echo of the bridge's status write; dropped ({CorrelationId})")]
    public static partial void Echo(ILogger logger, string route, string recordId, string correlationId);

    [LoggerMessage(7407, LogLevel.Warning, "Status write for route {Route} dropped: the route is not loaded or has no syncStatus fields any more ({CorrelationId})")]
    public static partial void NoStatusFields(ILogger logger, string route, string correlationId);
}
