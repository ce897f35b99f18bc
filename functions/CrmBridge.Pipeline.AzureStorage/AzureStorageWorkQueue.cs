using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CrmBridge.Pipeline.Queueing;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// The work queue on Azure Storage Queues. Message text is the <see cref="EnvelopeCodec"/> output, base64-encoded by the
/// client (the Functions host's default <c>messageEncoding</c>), with TTL -1 so nothing expires unprocessed. The initial
/// delay is the send's visibility timeout; the receipt is the pop receipt. Messages that are not envelopes go to
/// <c>{queue}-poison</c>, as the Functions host does.
/// </summary>
internal sealed class AzureStorageWorkQueue : IWorkQueue
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly EnvelopeCodec _codec;
    private readonly ILogger _logger;
    private Task? _creating;

    public AzureStorageWorkQueue(QueueClient queue, QueueClient poison, EnvelopeCodec codec, ILogger<AzureStorageWorkQueue> logger)
    {
        _queue = queue;
        _poison = poison;
        _codec = codec;
        _logger = logger;
    }

    public async Task EnqueueAsync(ChangeEnvelope envelope, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        CheckRange(delay, nameof(delay));
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var text = await _codec.EncodeAsync(envelope, cancellationToken).ConfigureAwait(false);
        await AzureErrors.RunAsync("send message", () => _queue.SendMessageAsync(text, delay, NeverExpires, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<QueuedEnvelope>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        CheckRange(visibilityTimeout, nameof(visibilityTimeout));
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        // The service's smallest visibility timeout is one second.
        var lease = visibilityTimeout < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : visibilityTimeout;
        var received = await AzureErrors.RunAsync("receive messages", () => _queue.ReceiveMessagesAsync(maxMessages, lease, cancellationToken)).ConfigureAwait(false);
        var messages = new List<QueuedEnvelope>(received.Value.Length);
        foreach (var message in received.Value)
        {
            try
            {
                var envelope = await _codec.DecodeAsync(message.Body.ToString(), cancellationToken).ConfigureAwait(false);
                messages.Add(new QueuedEnvelope(envelope, message.MessageId, message.PopReceipt, (int)message.DequeueCount));
            }
            catch (JsonException exception)
            {
                await PoisonAsync(message, exception, cancellationToken).ConfigureAwait(false);
            }
        }

        return messages;
    }

    public async Task CompleteAsync(QueuedEnvelope message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _queue.DeleteMessageAsync(message.MessageId, message.Receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404 || exception.ErrorCode == "PopReceiptMismatch")
        {
            // The lease expired and the message was received again (new pop receipt), or it is already gone.
            AzureStorageLog.LeaseLost(_logger, message.MessageId, _queue.Name, message.Envelope.CorrelationId);
            return;
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Wrap("delete message", exception);
        }

        // Only the delivery that really removed the message may drop its claim check: a newer delivery still needs it.
        await AzureErrors.RunAsync("release claim check", () => _codec.ReleaseAsync(message.Envelope, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var properties = await AzureErrors.RunAsync("get queue properties", () => _queue.GetPropertiesAsync(cancellationToken)).ConfigureAwait(false);
        return properties.Value.ApproximateMessagesCountLong;
    }

    private static void CheckRange(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero || value > MaxDelay)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be between 0 and 7 days (the Azure Storage Queue limits).");
        }
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var creating = _creating ??= AzureErrors.RunAsync("create queues", async () =>
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            await _poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        });
        try
        {
            await creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (creating.IsFaulted)
        {
            _creating = null; // try again on the next call instead of caching the failure forever
            throw;
        }
    }

    private async Task PoisonAsync(QueueMessage message, Exception exception, CancellationToken cancellationToken)
    {
        AzureStorageLog.Poisoned(_logger, exception, message.MessageId, _queue.Name, _poison.Name);
        await AzureErrors.RunAsync("move to poison queue", async () =>
        {
            await _poison.SendMessageAsync(message.Body, null, NeverExpires, cancellationToken).ConfigureAwait(false);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
