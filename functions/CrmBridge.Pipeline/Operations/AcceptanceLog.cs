using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>Source-generated log messages of the <see cref="AcceptanceRecorder"/>: record ids and counts, never payloads.</summary>
internal static partial class AcceptanceLog
{
    [LoggerMessage(7101, LogLevel.Information, "{System} accepted {Count} records: {Linked} source records cross-referenced with the ids it assigned, {Acknowledged} acknowledged")]
    public static partial void Recorded(ILogger logger, string system, int count, int linked, int acknowledged);

    [LoggerMessage(7102, LogLevel.Debug, "{Target} accepted: {Source} cross-referenced with number {Number}, id {Id}")]
    public static partial void Linked(ILogger logger, string target, string source, string? number, string? id);

    [LoggerMessage(7103, LogLevel.Information, "{Target} accepted, but no synced source record is known: nothing to cross-reference")]
    public static partial void NoSource(ILogger logger, string target);

    [LoggerMessage(7104, LogLevel.Warning, "{Target} accepted without an id or a number: nothing to cross-reference")]
    public static partial void NothingAssigned(ILogger logger, string target);
}
