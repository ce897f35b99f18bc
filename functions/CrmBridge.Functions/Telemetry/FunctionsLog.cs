using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Telemetry;

/// <summary>Source-generated log messages of the Functions app: ids and outcomes, never payloads.</summary>
internal static partial class FunctionsLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Webhook for {System} refused: no receiver is configured")]
    public static partial void WebhookNoReceiver(ILogger logger, string system);

    [LoggerMessage(1002, LogLevel.Warning, "Webhook for {System} rejected with {StatusCode}")]
    public static partial void WebhookRejected(ILogger logger, string system, int statusCode);

    [LoggerMessage(1003, LogLevel.Information, "Webhook for {System}/{Entity}: {Count} changes enqueued ({CorrelationId})")]
    public static partial void WebhookAccepted(ILogger logger, string system, string entity, int count, string correlationId);

    [LoggerMessage(1004, LogLevel.Information, "Webhook for {System} accepted without changes: {Reason}")]
    public static partial void WebhookIgnored(ILogger logger, string system, string reason);

    [LoggerMessage(1005, LogLevel.Error, "Webhook for {System}/{Entity} could not be enqueued; answered 503 ({CorrelationId})")]
    public static partial void WebhookEnqueueFailed(ILogger logger, string system, string entity, string correlationId, Exception exception);

    [LoggerMessage(1010, LogLevel.Information, "Sync of {System}/{Entity}/{RecordId} (dequeue {DequeueCount}): {Outcomes} ({CorrelationId})")]
    public static partial void Synced(ILogger logger, string system, string entity, string recordId, int dequeueCount, string outcomes, string correlationId);

    [LoggerMessage(1011, LogLevel.Error, "Queue message {MessageId} is not a change envelope; dead-lettered as {DeadLetterId}")]
    public static partial void MalformedMessage(ILogger logger, string messageId, string deadLetterId, Exception exception);

    [LoggerMessage(1012, LogLevel.Warning, "Poison message {MessageId} drained into dead letter {DeadLetterId}")]
    public static partial void PoisonDrained(ILogger logger, string messageId, string deadLetterId);

    [LoggerMessage(1020, LogLevel.Information, "Poll of {System}/{Entity}: {Enqueued} enqueued in {Pages} pages (conflict: {Conflict}, full resync: {FullResync})")]
    public static partial void Polled(ILogger logger, string system, string entity, int enqueued, int pages, bool conflict, bool fullResync);

    [LoggerMessage(1022, LogLevel.Warning, "The poll timer has no targets: configure Polling:Targets")]
    public static partial void NoPollTargets(ILogger logger);

    [LoggerMessage(1023, LogLevel.Information, "Zoho notification channels not managed: Zoho or Connectors:Zoho:NotifyUrl is not configured")]
    public static partial void ZohoChannelsSkipped(ILogger logger);

    [LoggerMessage(1024, LogLevel.Information, "Zoho notification channels subscribed/renewed: {Count}")]
    public static partial void ZohoChannelsSubscribed(ILogger logger, int count);

    [LoggerMessage(1030, LogLevel.Warning, "Health check: {Component} is unhealthy ({Detail})")]
    public static partial void Unhealthy(ILogger logger, string component, string detail);

    [LoggerMessage(1031, LogLevel.Information, "Backfill of {System}/{Entity} started: {Enqueued} enqueued in {Pages} pages")]
    public static partial void Backfill(ILogger logger, string system, string entity, int enqueued, int pages);

    [LoggerMessage(1032, LogLevel.Information, "Admin {Action} on dead letter(s) {Target}: {Result}")]
    public static partial void DeadLetterAction(ILogger logger, string action, string target, string result);

    [LoggerMessage(1033, LogLevel.Information, "Webhook subscriptions of {System} maintained")]
    public static partial void WebhookSubscriptionsMaintained(ILogger logger, string system);

    [LoggerMessage(1034, LogLevel.Error, "Webhook subscriptions of {System} could not be maintained")]
    public static partial void WebhookSubscriptionsFailed(ILogger logger, string system, Exception exception);

    [LoggerMessage(1035, LogLevel.Information, "Webhook follow-up of {System}/{Entity}: {Count} changes enqueued ({CorrelationId})")]
    public static partial void WebhookFollowUpEnqueued(ILogger logger, string system, string entity, int count, string correlationId);

    [LoggerMessage(1036, LogLevel.Error, "Webhook follow-up of {System} failed; the poll still covers its changes")]
    public static partial void WebhookFollowUpFailed(ILogger logger, string system, Exception exception);

    [LoggerMessage(1037, LogLevel.Information, "Handled {Count} later answers of asynchronous targets (rejections dead-lettered, acceptances cross-referenced)")]
    public static partial void RejectionsSurfaced(ILogger logger, int count);
}
