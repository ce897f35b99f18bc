using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline;

/// <summary>Source-generated log messages of the pipeline: ids and outcomes, never record contents.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(1, LogLevel.Warning, "Checkpoint of {System}/{Entity} expired ({ErrorCode}); starting a full resync")]
    public static partial void CheckpointExpired(ILogger logger, string system, string entity, string errorCode);

    [LoggerMessage(2, LogLevel.Information, "Checkpoint of {System}/{Entity} was advanced by another poller; stopping this poll")]
    public static partial void CheckpointConflict(ILogger logger, string system, string entity);

    [LoggerMessage(3, LogLevel.Information, "Polled {System}/{Entity}: {Enqueued} changes in {Pages} pages ({CorrelationId})")]
    public static partial void Polled(ILogger logger, string system, string entity, int enqueued, int pages, string correlationId);

    [LoggerMessage(4, LogLevel.Debug, "No route maps {System}/{Entity}; record {RecordId} skipped ({CorrelationId})")]
    public static partial void NoRoute(ILogger logger, string system, string entity, string recordId, string correlationId);

    [LoggerMessage(5, LogLevel.Information, "{System}/{Entity}/{RecordId} no longer exists; skipped ({CorrelationId})")]
    public static partial void SourceGone(ILogger logger, string system, string entity, string recordId, string correlationId);

    [LoggerMessage(6, LogLevel.Debug, "Route {Route} ignores deletes; {RecordId} not deleted in the target ({CorrelationId})")]
    public static partial void DeleteIgnored(ILogger logger, string route, string recordId, string correlationId);

    [LoggerMessage(7, LogLevel.Debug, "Synced referenced record {Dependency} first for {RecordId} ({CorrelationId})")]
    public static partial void DependencySynced(ILogger logger, string dependency, string recordId, string correlationId);

    [LoggerMessage(8, LogLevel.Debug, "Route {Route}: {RecordId} delivered as {TargetId} (created: {Created}) ({CorrelationId})")]
    public static partial void Delivered(ILogger logger, string route, string recordId, string targetId, bool created, string correlationId);

    [LoggerMessage(9, LogLevel.Warning, "{System}/{Entity}/{RecordId} dead-lettered: {ErrorCode} ({CorrelationId})")]
    public static partial void DeadLettered(ILogger logger, string system, string entity, string recordId, string errorCode, string correlationId);

    [LoggerMessage(10, LogLevel.Debug, "{System}/{Entity}/{RecordId} deferred for {Delay} waiting for a referenced record ({CorrelationId})")]
    public static partial void Deferred(ILogger logger, string system, string entity, string recordId, TimeSpan delay, string correlationId);

    [LoggerMessage(11, LogLevel.Information, "{System}/{Entity}/{RecordId} attempt {Attempt} failed ({ErrorCode}); retrying in {Delay} ({CorrelationId})")]
    public static partial void Retrying(ILogger logger, string system, string entity, string recordId, int attempt, string errorCode, TimeSpan delay, string correlationId);

    [LoggerMessage(12, LogLevel.Error, "Sync worker lane failed; it restarts after a pause")]
    public static partial void WorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Error, "Polling {System}/{Entity} failed: {ErrorCode}")]
    public static partial void PollFailed(ILogger logger, string system, string entity, string errorCode, Exception exception);

    [LoggerMessage(14, LogLevel.Information, "Sync worker stopping; waiting for {InFlight} in-flight envelopes")]
    public static partial void Draining(ILogger logger, int inFlight);

    [LoggerMessage(15, LogLevel.Information, "Dead letter {DeadLetterId} replayed as envelope {EnvelopeId}")]
    public static partial void Replayed(ILogger logger, string deadLetterId, string envelopeId);

    [LoggerMessage(40, LogLevel.Warning, "Circuit of target {System} is now {State} (open until {OpenUntil}; last error {LastError})")]
    public static partial void CircuitChanged(ILogger logger, string system, string state, DateTimeOffset? openUntil, string? lastError);

    [LoggerMessage(41, LogLevel.Warning, "Could not record the circuit state of {System}")]
    public static partial void CircuitNotRecorded(ILogger logger, string system, Exception exception);

    [LoggerMessage(42, LogLevel.Information, "Closed {Count} dead letters whose records have now been delivered")]
    public static partial void DeadLettersResolved(ILogger logger, int count);

    [LoggerMessage(43, LogLevel.Warning, "Could not close the dead letters of delivered records")]
    public static partial void DeadLettersNotResolved(ILogger logger, Exception exception);

    [LoggerMessage(44, LogLevel.Information, "{System}/{Entity}/{RecordId} waits until {Until} ({Code}) without spending an attempt ({CorrelationId})")]
    public static partial void Waiting(ILogger logger, string system, string entity, string recordId, DateTimeOffset until, string code, string correlationId);

    [LoggerMessage(16, LogLevel.Warning, "{Target} was rejected by its system after accepting it ({ErrorCode}); dead-lettered for {Source}")]
    public static partial void TargetRejected(ILogger logger, string target, string source, string errorCode);

    [LoggerMessage(17, LogLevel.Error, "Reading the rejections of {System} failed: {ErrorCode}")]
    public static partial void RejectionPollFailed(ILogger logger, string system, string errorCode, Exception exception);

    [LoggerMessage(45, LogLevel.Warning, "Delete of {System}/{Entity}/{RecordId} not applied: the source still has the record ({CorrelationId})")]
    public static partial void DeleteNotConfirmed(ILogger logger, string system, string entity, string recordId, string correlationId);

    [LoggerMessage(46, LogLevel.Warning, "Rejected {Channel} call from {System} counted but not stored ({Why} limit; {Total} rejected since start) ({CorrelationId})")]
    public static partial void RejectedInputNotStored(ILogger logger, string system, string channel, string why, long total, string correlationId);

    [LoggerMessage(47, LogLevel.Information, "Retention: deleted {DeadLetters} dead letters and {ClaimChecks} claim-check payloads older than {CutOff}")]
    public static partial void RetentionPurged(ILogger logger, int deadLetters, int claimChecks, DateTimeOffset cutOff);

    [LoggerMessage(48, LogLevel.Error, "Retention cleanup failed; retrying on the next interval")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(49, LogLevel.Error, "Polling {System}/{Entity} failed {Count} times since {Since:u}: {LastError}")]
    public static partial void PollStillFailing(ILogger logger, string system, string entity, int count, DateTimeOffset since, string lastError);

    [LoggerMessage(50, LogLevel.Information, "Polling {System}/{Entity} works again after {Count} failures since {Since:u}")]
    public static partial void PollRecovered(ILogger logger, string system, string entity, int count, DateTimeOffset since);

    [LoggerMessage(51, LogLevel.Debug, "Could not record the poll outcome of {System}/{Entity}")]
    public static partial void PollNotRecorded(ILogger logger, string system, string entity, Exception exception);

    [LoggerMessage(8200, LogLevel.Error, "{Worker} pass failed; it runs again after its interval")]
    public static partial void PeriodicPassFailed(ILogger logger, string worker, Exception exception);
}
