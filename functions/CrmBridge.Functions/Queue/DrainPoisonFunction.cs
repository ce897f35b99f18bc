using CrmBridge.Functions.Telemetry;
using CrmBridge.Hosting;
using CrmBridge.Pipeline.Operations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Queue;

/// <summary>
/// Drains the host's poison queue (<c>%QueueName%-poison</c>) into the dead-letter store with its reason, so nothing
/// stays hidden there: every message the host gave up on can be listed, inspected and replayed like any dead letter.
/// </summary>
/// <param name="deadLetters">The dead-letter service.</param>
/// <param name="logger">The logger.</param>
public sealed class DrainPoisonFunction(DeadLetterService deadLetters, ILogger<DrainPoisonFunction> logger)
{
    /// <summary>Moves one poison message to the dead-letter store.</summary>
    /// <param name="message">The message text, kept verbatim when it is not an envelope.</param>
    /// <param name="context">The invocation context.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the dead letter is stored.</returns>
    [Function("DrainPoison")]
    public async Task RunAsync(
        [QueueTrigger("%" + ConfigurationKeys.QueueName + "%-poison", Connection = ConfigurationKeys.HostStorage)] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var id = await deadLetters.RecordPoisonAsync(message, cancellationToken).ConfigureAwait(false);
        FunctionsLog.PoisonDrained(logger, QueueTriggerMetadata.MessageId(context), id);
    }
}
