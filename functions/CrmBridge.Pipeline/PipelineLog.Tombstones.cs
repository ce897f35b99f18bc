using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline;

/// <content>Tombstones of deleted records (event ids 7900-7919).</content>
internal static partial class PipelineLog
{
    [LoggerMessage(7900, LogLevel.Information, "Route {Route}: record {RecordId} was deleted; its queued snapshot is not trusted, reading the source ({CorrelationId})")]
    public static partial void TombstoneSnapshotNotTrusted(ILogger logger, string route, string recordId, string correlationId);

    [LoggerMessage(7901, LogLevel.Information, "Retention: deleted {Tombstones} ledger tombstones of records deleted before {CutOff}")]
    public static partial void TombstonesPurged(ILogger logger, int tombstones, DateTimeOffset cutOff);
}
