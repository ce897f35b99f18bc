using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>Source-generated log messages of connection health (event ids 7500-7549).</summary>
internal static partial class ConnectionHealthLog
{
    [LoggerMessage(7500, LogLevel.Debug, "Could not record the connection health of {System}")]
    public static partial void NotRecorded(ILogger logger, string system, Exception exception);

    [LoggerMessage(7501, LogLevel.Warning, "Connection {System} {Kind}: {Verdict}")]
    public static partial void Problem(ILogger logger, string system, string kind, string verdict);

    [LoggerMessage(7502, LogLevel.Information, "Connection {System} is healthy again")]
    public static partial void Recovered(ILogger logger, string system);

    [LoggerMessage(7503, LogLevel.Debug, "Publishing connection health failed")]
    public static partial void PublishFailed(ILogger logger, Exception exception);
}
