using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline;

/// <content>Poll order: parents polled before their dependants (event ids 8050-8099).</content>
internal static partial class PipelineLog
{
    [LoggerMessage(8050, LogLevel.Warning, "Poll order: {System}/{Entity} and {ParentSystem}/{ParentEntity} reference each other (a cycle of lookups); {System}/{Entity} is polled without waiting for {ParentSystem}/{ParentEntity}")]
    public static partial void PollCycleBroken(ILogger logger, string system, string entity, string parentSystem, string parentEntity);

    [LoggerMessage(8051, LogLevel.Information, "Poll of {System}/{Entity} waited {Held} (Pipeline:PollDependencyHold) for {Parents} to finish polling; polling it now")]
    public static partial void PollHoldExpired(ILogger logger, string system, string entity, TimeSpan held, string parents);
}
