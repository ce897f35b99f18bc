using System.Text.Json;
using CrmBridge.Functions.Telemetry;
using CrmBridge.Hosting;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Queue;

/// <summary>
/// The sync stage on the changes queue (<c>%QueueName%</c>). The message text is the envelope codec's JSON (the host
/// base64-decodes it, see host.json <c>messageEncoding</c>); a claim-checked snapshot is loaded from blob storage.
/// The stage never throws for data or connector errors: it re-enqueues a retry with backoff or dead-letters the
/// envelope itself, and the function's normal return deletes the message. Only an infrastructure failure (storage
/// unreachable) throws, so the host redelivers after visibilityTimeout and, past maxDequeueCount, moves the message to
/// <c>&lt;queue&gt;-poison</c>, which <see cref="DrainPoisonFunction"/> empties into the dead-letter store.
/// </summary>
/// <param name="stage">The sync stage.</param>
/// <param name="codec">The envelope codec.</param>
/// <param name="deadLetters">The dead-letter service (malformed messages are recorded there at once).</param>
/// <param name="logger">The logger.</param>
public sealed class SyncChangeFunction(SyncStage stage, EnvelopeCodec codec, DeadLetterService deadLetters, ILogger<SyncChangeFunction> logger)
{
    /// <summary>Handles one queue message.</summary>
    /// <param name="message">The message text.</param>
    /// <param name="context">The invocation context (dequeue count, message id).</param>
    /// <param name="cancellationToken">Cancels the work (host shutdown); the message is then redelivered.</param>
    /// <returns>A task that completes when the envelope is settled.</returns>
    [Function("SyncChange")]
    public async Task RunAsync(
        [QueueTrigger("%" + ConfigurationKeys.QueueName + "%", Connection = ConfigurationKeys.HostStorage)] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ChangeEnvelope envelope;
        try
        {
            envelope = await codec.DecodeAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            // Retrying cannot fix a message that is not an envelope: dead-letter it verbatim now instead of after
            // five pointless dequeues.
            var id = await deadLetters.RecordPoisonAsync(message, cancellationToken).ConfigureAwait(false);
            FunctionsLog.MalformedMessage(logger, QueueTriggerMetadata.MessageId(context), id, ex);
            return;
        }

        var dequeueCount = QueueTriggerMetadata.DequeueCount(context);
        using var scope = CorrelationTelemetry.BeginEnvelopeScope(logger, envelope);
        var result = await stage.HandleAsync(envelope, dequeueCount, cancellationToken).ConfigureAwait(false);
        await codec.ReleaseAsync(envelope, cancellationToken).ConfigureAwait(false);
        FunctionsLog.Synced(logger, envelope.System, envelope.Entity, envelope.RecordId, dequeueCount, Summarize(result), envelope.CorrelationId);
    }

    private static string Summarize(StageResult result) =>
        result.Outcomes.Count == 0
            ? "no route"
            : string.Join(", ", result.Outcomes.GroupBy(o => o.Kind).Select(g => $"{g.Key} {g.Count()}"));
}
