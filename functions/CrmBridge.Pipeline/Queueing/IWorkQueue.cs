namespace CrmBridge.Pipeline.Queueing;

/// <summary>
/// The at-least-once work queue the pipeline runs on. Adapters: embedded SQLite (default) and Azure Storage Queues.
/// A received message is invisible for the visibility timeout; if it is not completed by then it is delivered again.
/// </summary>
public interface IWorkQueue
{
    /// <summary>Enqueues an envelope, visible after <paramref name="delay"/>.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="delay">The initial invisibility (retry backoff); <see cref="TimeSpan.Zero"/> for now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the message is durably stored.</returns>
    Task EnqueueAsync(ChangeEnvelope envelope, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/> visible messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="maxMessages">The maximum number of messages (1–32).</param>
    /// <param name="visibilityTimeout">How long the messages stay invisible unless completed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages; empty when none is visible.</returns>
    Task<IReadOnlyList<QueuedEnvelope>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Removes a received message for good (processed, re-enqueued as a retry, or dead-lettered).</summary>
    /// <remarks>
    /// Also deletes the message's claim-checked snapshot. When the lease has expired and the message was received again
    /// (a newer receipt exists) or it is already gone, this is a logged no-op: it neither throws nor deletes the newer
    /// delivery, whose processing the idempotency ledger makes harmless.
    /// </remarks>
    /// <param name="message">The received message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the message is removed.</returns>
    Task CompleteAsync(QueuedEnvelope message, CancellationToken cancellationToken);

    /// <summary>Gets the approximate number of messages waiting (visible or delayed), for status reporting.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The approximate count.</returns>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
