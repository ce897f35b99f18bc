namespace CrmBridge.Pipeline.Queueing;

/// <summary>
/// An optional capability of a <see cref="IWorkQueue"/>: enqueueing several envelopes in one store transaction. The
/// SQLite queue has it (one commit for a chunk of a change page instead of one per record); where a queue lacks it,
/// <see cref="Intake.ChangeIntake"/> enqueues one envelope at a time.
/// </summary>
public interface IEnqueuesMany
{
    /// <summary>Enqueues <paramref name="envelopes"/>, visible at once; all of them or, on failure, none.</summary>
    /// <param name="envelopes">The envelopes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when every message is durably stored.</returns>
    Task EnqueueManyAsync(IReadOnlyList<ChangeEnvelope> envelopes, CancellationToken cancellationToken);
}
