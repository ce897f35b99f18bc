using System.Diagnostics;
using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Testing.Queueing;

/// <summary>Polls a queue with a bounded timeout (Azure queues run on real time, so contracts use short real delays).</summary>
public static class QueuePolling
{
    /// <summary>The longest any contract waits for a message to become visible.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Receives until at least one message arrives or <see cref="Timeout"/> passes.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="maxMessages">The batch size.</param>
    /// <param name="visibilityTimeout">The visibility timeout of the receive.</param>
    /// <returns>The messages (empty on timeout).</returns>
    public static async Task<IReadOnlyList<QueuedEnvelope>> ReceiveWithinAsync(IWorkQueue queue, int maxMessages, TimeSpan visibilityTimeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var messages = await queue.ReceiveAsync(maxMessages, visibilityTimeout, CancellationToken.None);
            if (messages.Count > 0 || watch.Elapsed > Timeout)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }
}
