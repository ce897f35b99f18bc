using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;

namespace CrmBridge.Pipeline.Batching;

/// <summary>One caller's envelope waiting in the <see cref="StageCoalescer"/>, and the promise of its outcome.</summary>
internal sealed class CoalescedItem
{
    public CoalescedItem(ChangeEnvelope envelope, int dequeueCount, CancellationToken cancellationToken)
    {
        Envelope = envelope;
        DequeueCount = dequeueCount;
        CancellationToken = cancellationToken;
    }

    public ChangeEnvelope Envelope { get; }

    public int DequeueCount { get; }

    public CancellationToken CancellationToken { get; }

    public TaskCompletionSource<StageResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
