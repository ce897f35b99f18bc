using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Source-generated log messages of the SQLite storage (ids and outcomes only, never payloads).</summary>
internal static partial class SqliteLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Completing message {MessageId} of queue {QueueName} did nothing: its lease expired and it was received again, or it was already completed ({CorrelationId})")]
    public static partial void LeaseLost(ILogger logger, string messageId, string queueName, string correlationId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error,
        Message = "Message {MessageId} of queue {QueueName} is not a valid envelope and was moved to {PoisonQueue}")]
    public static partial void Poisoned(ILogger logger, Exception exception, string messageId, string queueName, string poisonQueue);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "SQLite storage ready at {Path}")]
    public static partial void SchemaReady(ILogger logger, string path);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information,
        Message = "Released {Count} messages of queue {QueueName} that a previous run left unfinished; they are processed now")]
    public static partial void AbandonedLeasesReleased(ILogger logger, int count, string queueName);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information,
        Message = "Another process consumes the queue in {Path}: messages it holds are left to their visibility timeout")]
    public static partial void OtherConsumerAlive(ILogger logger, string path);
}
