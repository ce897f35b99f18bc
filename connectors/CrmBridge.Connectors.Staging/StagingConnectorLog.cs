using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Staging;

/// <summary>Source-generated log messages of the staging connector: ids, counts and outcomes, never payloads.</summary>
internal static partial class StagingConnectorLog
{
    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "{System} staged {Entity}: {Inserted} new, {Restaged} re-staged, {Unchanged} unchanged, {Failed} rejected before staging, {Statements} statements")]
    public static partial void Staged(ILogger logger, string system, string entity, int inserted, int restaged, int unchanged, int failed, int statements);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Debug, Message = "{System} read {Count} outbox changes of {Entity} after seq {After} (floor now {Floor}, pending gap: {Gap})")]
    public static partial void OutboxRead(ILogger logger, string system, string entity, int count, long after, long floor, bool gap);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "{System} {What} failed: {ErrorCode} ({Kind})")]
    public static partial void DatabaseFailed(ILogger logger, string system, string what, string errorCode, ErrorKind kind);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Information, Message = "{System} outbox seq {From}..{To} never committed within the overlap window: treated as an identity gap")]
    public static partial void GapSkipped(ILogger logger, string system, long from, long to);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Information, Message = "{System} claimed {Count} rows the ERP rejected")]
    public static partial void RejectionsClaimed(ILogger logger, string system, int count);

    [LoggerMessage(EventId = 4306, Level = LogLevel.Information, Message = "{System} schema {Schema} ensured ({Statements} statements)")]
    public static partial void SchemaEnsured(ILogger logger, string system, string schema, int statements);

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "{System} claimed {Count} rows the ERP accepted")]
    public static partial void AcceptancesClaimed(ILogger logger, string system, int count);
}
