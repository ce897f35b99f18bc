using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>Source-generated log messages of the Azure Storage adapter (ids and outcomes only, never payloads).</summary>
internal static partial class AzureStorageLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning,
        Message = "Completing message {MessageId} of queue {QueueName} did nothing: its lease expired and it was received again, or it was already completed ({CorrelationId})")]
    public static partial void LeaseLost(ILogger logger, string messageId, string queueName, string correlationId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error,
        Message = "Message {MessageId} of queue {QueueName} is not a valid envelope and was moved to {PoisonQueue}")]
    public static partial void Poisoned(ILogger logger, Exception? exception, string messageId, string queueName, string poisonQueue);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning,
        Message = "Sync-log counter {System}/{Entity}/{Route} kept conflicting; {Count} outcomes were not counted")]
    public static partial void StatLost(ILogger logger, string system, string entity, string route, long count);
}
